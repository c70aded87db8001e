module github.com/gostage/gostage

go 1.26.8

require (
	github.com/dave/jennifer v1.7.1 // indirect
	github.com/stretchr/testify v1.12.1 // indirect
	golang.org/x/tools v0.52.0 // indirect
)
