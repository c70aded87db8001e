package store

// GenVersion1 is the version of the contract between this runtime and the
// code gostage-gen generates. Every generated file refers to it, so
// generated code and a runtime that drifted apart fail to build at that
// line, whose comment says to regenerate. A runtime that breaks the
// contract renames it.
const GenVersion1 = true
