// The module analysistest loads the test packages from. It uses the
// runtime of the repository itself, so that fixed code is checked against
// the real store API rather than a copy.
module keyvettest

go 1.26.0

require github.com/gostage/gostage v0.0.0

replace github.com/gostage/gostage => ../../../..
