namespace Orbitalyntra.Web.Chat;

/// <summary>A file to send as a message, as the request carries it: checked by <see cref="Orbitalyntra.Chat.FileRules"/> before it is stored.</summary>
/// <param name="ClientMessageId">Chosen by the sender, unique per sender; a retry with the same id stores nothing new.</param>
/// <param name="Name">The file's name, which becomes the message's text.</param>
/// <param name="ContentType">The file's media type.</param>
/// <param name="Content">The file's bytes.</param>
public sealed record FilePost(string? ClientMessageId, string? Name, string? ContentType, byte[] Content);
