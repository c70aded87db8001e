// Package consts spells keys as constants, as code written before the
// declarations does.
package consts

// StatusKey is where the user's status is kept.
const StatusKey = "user.status"
