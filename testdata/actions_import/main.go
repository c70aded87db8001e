package main

import (
	"context"
	"fmt"

	"github.com/gostage/gostage/runtime/workflow"

	uk "example.com/cases/actions_import/userkeys"
)

func main() {
	wf := workflow.New("users", "users", "")
	if err := uk.UserProfileKey.Put(wf.Store, uk.Profile{Name: "Ada", Email: "ada@example.com"}); err != nil {
		panic(err)
	}
	if err := uk.UserOf(wf.Store).SetStatus("pending"); err != nil {
		panic(err)
	}
	st := workflow.NewStage("activate", "activate", "")
	a := &ActivateUser{}
	st.AddAction(a)
	wf.AddStage(st)
	fmt.Printf("%s: %+v\n", a.Name(), a.Contract())
	if err := workflow.NewRunner().Execute(context.Background(), wf); err != nil {
		panic(err)
	}
	status, _ := uk.UserOf(wf.Store).Status()
	log, _ := AuditOf(wf.Store).Log()
	fmt.Println("status:", status, "log:", log)
}
