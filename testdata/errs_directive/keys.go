package main

//gostage:keys prefx=user
type User struct{ ID int }

//gostage:keys
type Count int

//gostage:key
type Other struct{ X int }

//gostage:keys prefix=a"b
type Bad struct{ X int }

//gostage:keys
type Alias = struct{ X int }

//gostage:keys
type Generic[T any] struct{ X T }

// F is not a type.
//
//gostage:keys
func F() {}

func main() {}
