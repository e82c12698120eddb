namespace Orbitalyntra.Benchmarks.Storage;

/// <summary>
/// The storage requests counted over a run's measured window, and the work they paid for: the messages acknowledged
/// and the new conversations (start and both first messages) finished inside that window. Counting acknowledgements
/// rather than sends keeps both sides of the ratio on the same interval, also when an overloaded target stores
/// messages long after they were sent.
/// </summary>
public sealed record StorageWork(RequestTally Requests, long MessagesAcknowledged, long StartsFinished)
{
    /// <summary>Requests per acknowledged message, the starts' requests included when the run had starts.</summary>
    public double PerMessage => MessagesAcknowledged == 0 ? double.NaN : Requests.Total / (double)MessagesAcknowledged;

    /// <summary>Requests per finished start; what a start costs only in a window that had starts alone.</summary>
    public double PerStart => StartsFinished == 0 ? double.NaN : Requests.Total / (double)StartsFinished;
}
