namespace Orbitalyntra.Benchmarks.Load;

/// <summary>
/// The conversations a run starts while it goes, on top of its steady ones: each a new visitor who starts it, both
/// parties joining, then the visitor's first message and the agent's answer; from then on it joins the
/// <see cref="Rotation"/> and takes turns like the others, and is checked for loss like them.
/// </summary>
public sealed class NewConversations(BenchTenant tenant, HttpClient http, MeasurementWindow window, SendCounters sends, Rotation rotation)
{
    private readonly List<Task> starts = [];
    private long failed;

    /// <summary>How many were started.</summary>
    public long Count => starts.Count;

    /// <summary>
    /// How many did not start cleanly: a request or a connection failed (it sent nothing and is not checked), or a first
    /// message was not acknowledged (it goes on, and is checked, like the others).
    /// </summary>
    public long Failed => Interlocked.Read(ref failed);

    /// <summary>Starts as many as needed to have started <paramref name="due"/> in all.</summary>
    public void StartDue(long due)
    {
        while (starts.Count < due)
        {
            starts.Add(StartOne());
        }
    }

    /// <summary>Waits until every start has finished or failed.</summary>
    public Task Finished() => Task.WhenAll(starts);

    private async Task StartOne()
    {
        try
        {
            var (conversation, acknowledged) = await ConversationLoad.Start(tenant, http, window, sends, duringRun: true);
            rotation.Join(conversation);
            if (acknowledged)
            {
                window.StartFinished();
            }
            else
            {
                Interlocked.Increment(ref failed);
            }
        }
        catch (Exception)
        {
            Interlocked.Increment(ref failed);
        }
    }
}
