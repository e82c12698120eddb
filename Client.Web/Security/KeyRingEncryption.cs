using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Orbitalyntra.Web.Security;

/// <summary>
/// The key that seals the key ring's keys before they are stored (AES-256-GCM), given to the web hosts from Key Vault
/// (<c>DataProtection:KeyEncryptionKey</c>, base64 of 32 bytes), so that reading the storage account alone does not give
/// the keys that protect session cookies.
/// </summary>
public sealed class KeyRingKey(byte[] key)
{
    public const string Setting = "DataProtection:KeyEncryptionKey";

    private const string Element = "sealedKey";

    public static KeyRingKey? From(IConfiguration configuration) =>
        configuration[Setting] is { Length: > 0 } encoded
            ? Convert.FromBase64String(encoded) is { Length: 32 } key ? new KeyRingKey(key) : throw new InvalidOperationException($"{Setting} must be 32 bytes in base64.")
            : null;

    public XElement Seal(XElement plaintext)
    {
        var data = System.Text.Encoding.UTF8.GetBytes(plaintext.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var sealedData = new byte[data.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(key, tag.Length))
        {
            aes.Encrypt(nonce, data, sealedData, tag);
        }

        return new XElement(Element, new XAttribute("nonce", Convert.ToBase64String(nonce)), new XAttribute("tag", Convert.ToBase64String(tag)), Convert.ToBase64String(sealedData));
    }

    public XElement Open(XElement sealedElement)
    {
        var nonce = Convert.FromBase64String((string)sealedElement.Attribute("nonce")!);
        var tag = Convert.FromBase64String((string)sealedElement.Attribute("tag")!);
        var sealedData = Convert.FromBase64String(sealedElement.Value);
        var data = new byte[sealedData.Length];
        using (var aes = new AesGcm(key, tag.Length))
        {
            aes.Decrypt(nonce, sealedData, tag, data);
        }

        return XElement.Parse(System.Text.Encoding.UTF8.GetString(data));
    }
}

/// <summary>Seals each new key of the ring with the <see cref="KeyRingKey"/>.</summary>
public sealed class KeyRingEncryptor(KeyRingKey key) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement) => new(key.Seal(plaintextElement), typeof(KeyRingDecryptor));
}

/// <summary>Opens a key the <see cref="KeyRingEncryptor"/> sealed; made by the data-protection system from the ring's XML.</summary>
public sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        (services.GetService<KeyRingKey>() ?? throw new InvalidOperationException($"The key ring is sealed: {KeyRingKey.Setting} is required to read it."))
        .Open(encryptedElement);
}
