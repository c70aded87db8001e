package main

import (
	"fmt"

	"github.com/gostage/gostage/runtime/workflow"

	uk "example.com/cases/actions_import/userkeys"
)

// Audit is what the workflow noted on its way.
//
//gostage:keys
type Audit struct {
	Log []string
}

// ActivateUser marks a pending user active.
//
//gostage:action reads=uk.User.Profile,uk.User.Status writes=uk.User.Status,Audit.Log
type ActivateUser struct{}

func (a *ActivateUser) Run(ctx *workflow.ActionContext, io ActivateUserIO) error {
	p, err := io.UserProfile()
	if err != nil {
		return err
	}
	status, err := io.UserStatus()
	if err != nil {
		return err
	}
	if err := io.SetAuditLog([]string{fmt.Sprintf("%s was %s", p.Name, status)}); err != nil {
		return err
	}
	return io.SetUserStatus(uk.Active)
}
