using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Orbitalyntra.Privacy;

/// <summary>
/// Authenticated encryption with AES-256-GCM: a sealed value is nonce ‖ tag ‖ ciphertext, bound to a context string
/// (as associated data) so that a value copied to another place or subject does not open.
/// </summary>
public static class Sealing
{
    public const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeyBytes);

    public static byte[] Seal(byte[] key, ReadOnlySpan<byte> plaintext, string context)
    {
        var sealedValue = new byte[NonceBytes + TagBytes + plaintext.Length];
        var nonce = sealedValue.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plaintext, sealedValue.AsSpan(NonceBytes + TagBytes), sealedValue.AsSpan(NonceBytes, TagBytes), Encoding.UTF8.GetBytes(context));
        return sealedValue;
    }

    public static byte[] Open(byte[] key, ReadOnlySpan<byte> sealedValue, string context)
    {
        if (sealedValue.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("The sealed value is too short.");
        }

        var plaintext = new byte[sealedValue.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedValue[..NonceBytes], sealedValue[(NonceBytes + TagBytes)..], sealedValue.Slice(NonceBytes, TagBytes), plaintext, Encoding.UTF8.GetBytes(context));
        return plaintext;
    }

    public static byte[] SealText(byte[] key, string text, string context) => Seal(key, Encoding.UTF8.GetBytes(text), context);

    /// <summary>Seals <paramref name="value"/> as JSON: records of personal fields kept in grain state.</summary>
    public static byte[] SealJson<T>(byte[] key, T value, string context) => Seal(key, JsonSerializer.SerializeToUtf8Bytes(value), context);

    public static T? OpenJson<T>(byte[] key, ReadOnlySpan<byte> sealedValue, string context) =>
        JsonSerializer.Deserialize<T>(Open(key, sealedValue, context));

    public static string OpenText(byte[] key, ReadOnlySpan<byte> sealedValue, string context) =>
        Encoding.UTF8.GetString(Open(key, sealedValue, context));
}
