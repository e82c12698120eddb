using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Orbitalyntra.Tests.Infrastructure;

/// <summary>
/// Injects storage faults into the silos' table client: while armed, every request whose address or body mentions a
/// given partition fails before it leaves the process, as if storage were unreachable for that data, or is carried out
/// by storage and then fails as if its answer were lost.
/// </summary>
public sealed class StorageFaults : HttpPipelineSynchronousPolicy
{
    private const string AnswerLost = "orbitalyntra-test-answer-lost";

    private volatile string? failing;
    private volatile string? losingAnswers;
    private int passing;

    /// <summary>
    /// Fails requests touching <paramref name="partitionKey"/> until the result is disposed, after letting the first
    /// <paramref name="passFirst"/> of them through (so that work fails half-way rather than before it starts).
    /// </summary>
    public IDisposable FailRequestsTouching(string partitionKey, int passFirst = 0)
    {
        passing = passFirst;
        failing = partitionKey;
        return new Disarm(this);
    }

    /// <summary>
    /// Lets requests touching <paramref name="partitionKey"/> reach storage but fails each once its answer came, until the
    /// result is disposed: what a caller sees when a silo dies or the network drops after storage committed its request.
    /// </summary>
    public IDisposable LoseAnswersTouching(string partitionKey)
    {
        losingAnswers = partitionKey;
        return new Disarm(this);
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        if (failing is { } partition && Touches(message, partition) && Interlocked.Decrement(ref passing) < 0)
        {
            throw new InvalidOperationException($"Injected storage fault for partition {partition}.");
        }

        if (losingAnswers is { } losing && Touches(message, losing))
        {
            message.SetProperty(AnswerLost, losing);
        }
    }

    public override void OnReceivedResponse(HttpMessage message)
    {
        if (message.TryGetProperty(AnswerLost, out var partition))
        {
            throw new InvalidOperationException($"Injected loss of storage's answer for partition {partition}.");
        }
    }

    private static bool Touches(HttpMessage message, string partition)
    {
        var address = Uri.UnescapeDataString(message.Request.Uri.ToString());
        if (address.Contains(partition, StringComparison.Ordinal))
        {
            return true;
        }

        if (message.Request.Content is not { } content)
        {
            return false;
        }

        using var body = new MemoryStream();
        content.WriteTo(body, CancellationToken.None);
        var text = Encoding.UTF8.GetString(body.ToArray());
        return text.Contains(partition, StringComparison.Ordinal) || Uri.UnescapeDataString(text).Contains(partition, StringComparison.Ordinal);
    }

    private sealed class Disarm(StorageFaults faults) : IDisposable
    {
        public void Dispose() => (faults.failing, faults.losingAnswers) = (null, null);
    }
}
