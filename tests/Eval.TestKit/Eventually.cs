namespace Eval.TestKit;

/// <summary>Polls until a condition holds or the time is up; the failure message says what was last seen.</summary>
public static class Eventually
{
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        while (true)
        {
            last = await read();
            if (done(last))
                return last;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:0} s; last seen: {last}");
            await Task.Delay(250);
        }
    }
}
