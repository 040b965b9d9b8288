import FuzzSupport
@_spi(Fuzzing) import GoalwallKit

// A goal file (§3): front matter, YAML fields, Markdown body through `GoalReader`, then the
// goal's figures as a build computes them.
runFuzzer { input in
    let (goal, diagnostics) = Fuzzing.readGoal(Array(input))
    if let goal, let due = goal.due { precondition(goal.start < due) }
    precondition(diagnostics.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 })
    return 0
}
