// Each browser test starts its own web host, and Hangfire keeps static state (STACK.md pitfall 2): one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
