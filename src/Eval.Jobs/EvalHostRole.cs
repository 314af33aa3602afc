namespace Eval.Jobs;

/// <summary>
/// What a process of the platform is: the web host (registers and queues at start; runs jobs too unless
/// Eval:Worker:InProcess is false) or a standalone worker (src/Eval.Worker: serves its queues and nothing else).
/// </summary>
public enum EvalHostRole
{
    Web,
    Worker,
}
