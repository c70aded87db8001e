// Package directive parses the text gostage-gen reads from comments and
// struct tags: the options of a //gostage: directive line and the options
// of a gostage:"..." struct tag value.
//
// Parsing is purely syntactic. Every option comes back with the byte
// offsets of its name and value in the parsed text, so that a caller that
// knows where the text starts in a file can point a diagnostic at the
// exact option. What an option means, and whether its value is valid, is
// the business of the model.
//
// Directive grammar:
//
//	//gostage:NAME [OPTION ...]      options separated by spaces
//	OPTION = NAME=VALUE | NAME        VALUE may be empty: prefix=
//
// A VALUE that is a comma list may have spaces after its commas
// (reads=Order.Items, Order.Status): a field that ends with a comma, or
// starts with one, and the next field without an = are one option.
//
// Tag grammar (the value of the gostage key of a struct tag):
//
//	OPTION[,OPTION...]                 key=NAME, ttl=DURATION, tags=a|b,
//	                                   default=LITERAL, or - alone
package directive
