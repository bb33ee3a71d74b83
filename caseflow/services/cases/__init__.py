"""Cases: intake, the action service and its effects, clocks, scope, identity, matching, queues, audit."""
