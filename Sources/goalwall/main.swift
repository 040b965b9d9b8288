import GoalwallKit
print(Probe.names)
