using System.Text;

namespace Orbitalyntra.Chat;

/// <summary>
/// What a file sent in a conversation may be: at most 10 MiB, of a type on the allow-list, with content that matches
/// its declared type (checked by its first bytes, never trusted from the header alone). Checked at the edge and again
/// by the conversation grain.
/// </summary>
public static class FileRules
{
    /// <summary>Largest file, in bytes (10 MiB).</summary>
    public const int MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>Longest file name, in characters.</summary>
    public const int MaxNameLength = 255;

    /// <summary>The content types accepted, with how each one's content begins.</summary>
    private static readonly Dictionary<string, Func<byte[], bool>> Signatures = new(StringComparer.Ordinal)
    {
        ["image/png"] = content => StartsWith(content, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ["image/jpeg"] = content => StartsWith(content, [0xFF, 0xD8, 0xFF]),
        ["image/gif"] = content => StartsWith(content, "GIF87a"u8) || StartsWith(content, "GIF89a"u8),
        ["image/webp"] = content => StartsWith(content, "RIFF"u8) && content.Length >= 12 && content.AsSpan(8, 4).SequenceEqual("WEBP"u8),
        ["application/pdf"] = content => StartsWith(content, "%PDF-"u8),
        ["text/plain"] = IsText,
    };

    private static readonly Dictionary<string, string> Extensions = new(StringComparer.Ordinal)
    {
        ["image/png"] = ".png",
        ["image/jpeg"] = ".jpg",
        ["image/gif"] = ".gif",
        ["image/webp"] = ".webp",
        ["application/pdf"] = ".pdf",
        ["text/plain"] = ".txt",
    };

    /// <summary>
    /// The name a download is saved under: the sender's name without format characters (right-to-left overrides can
    /// disguise an extension), ending in the extension of the verified content type, so "invoice.bat" sent as text
    /// downloads as "invoice.bat.txt".
    /// </summary>
    public static string DownloadName(string name, string contentType)
    {
        var visible = new string(name.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format).ToArray());
        var extension = Extensions.GetValueOrDefault(contentType, ".bin");
        return visible.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? visible : visible + extension;
    }

    /// <summary>The accepted content types, for error messages and documentation.</summary>
    public static IEnumerable<string> AllowedTypes => Signatures.Keys;

    /// <summary>Null when the file may be stored; otherwise what is wrong with it.</summary>
    public static string? Problem(string? name, string? contentType, byte[] content) =>
        string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength || name.Any(char.IsControl)
            ? $"The file needs a name of 1 to {MaxNameLength} characters, without control characters."
        : content.Length == 0 ? "The file is empty."
        : content.Length > MaxFileBytes ? $"A file may be at most {MaxFileBytes / (1024 * 1024)} MiB."
        : contentType is null || !Signatures.TryGetValue(contentType, out var matches)
            ? $"Files of type '{contentType}' are not accepted; send one of: {string.Join(", ", AllowedTypes)}."
        : !matches(content) ? $"The content is not {contentType}."
        : null;

    private static bool StartsWith(byte[] content, ReadOnlySpan<byte> prefix) => content.AsSpan().StartsWith(prefix);

    private static bool IsText(byte[] content)
    {
        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
            return !text.Contains('\0', StringComparison.Ordinal);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}

/// <summary>A file sent as a message: the message's text is the file's name, the content is stored apart.</summary>
/// <param name="FileId">The stored file's id.</param>
/// <param name="ContentType">Its content type, one of <see cref="FileRules.AllowedTypes"/>.</param>
/// <param name="Size">Its size in bytes.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.chat.file-attachment")]
public sealed record FileAttachment([property: Id(0)] Guid FileId, [property: Id(1)] string ContentType, [property: Id(2)] long Size);

/// <summary>A file read back for a download.</summary>
/// <param name="Name">Its name, as sent.</param>
/// <param name="ContentType">Its content type.</param>
/// <param name="Content">Its bytes.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.chat.file-content")]
public sealed record FileContent([property: Id(0)] string Name, [property: Id(1)] string ContentType, [property: Id(2)] byte[] Content);
