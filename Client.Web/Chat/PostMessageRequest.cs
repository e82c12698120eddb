using Orbitalyntra.Chat;

namespace Orbitalyntra.Web.Chat;

/// <summary>The body of a message post (REST) or the argument of <c>SendMessage</c> (hub). The author is the caller.</summary>
/// <param name="ClientMessageId">Chosen by the sender, unique per sender; a retry with the same id stores nothing new.</param>
/// <param name="Text">1 to 8,192 bytes of UTF-8.</param>
public sealed record PostMessageRequest(string? ClientMessageId, string? Text)
{
    public PostMessage ToCommand(Sender sender, bool isNote = false) => new(ClientMessageId ?? "", sender, Text ?? "", isNote);
}
