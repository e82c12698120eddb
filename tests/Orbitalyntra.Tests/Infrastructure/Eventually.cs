namespace Orbitalyntra.Tests.Infrastructure;

/// <summary>Retries an operation that fails while the cluster is changing shape, until a deadline.</summary>
public static class Eventually
{
    public static async Task<T> Succeeds<T>(Func<Task<T>> operation, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                return await operation();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    public static Task Succeeds(Func<Task> operation, TimeSpan? within = null) =>
        Succeeds(async () =>
        {
            await operation();
            return true;
        }, within);

    /// <summary>Waits until <paramref name="condition"/> holds, checking every 100 ms, failing after the deadline.</summary>
    public static async Task Holds(Func<bool> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(100);
        }
    }
}
