using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Orbitalyntra.Hosting;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Hosting;

public static class KeyRingConfiguration
{
    /// <summary>The Blob container of the shared key ring.</summary>
    public const string Container = "dataprotection";

    /// <summary>
    /// One data-protection key ring for every web host of the cluster, in Blob storage (<see cref="BlobKeyRing"/>), its
    /// keys sealed by the key from Key Vault when one is configured (<see cref="KeyRingKey"/>). In memory mode (one host,
    /// no storage) the ring stays the host's own, as before (docs/decisions/0046-shared-key-ring.md).
    /// </summary>
    public static WebApplicationBuilder AddOrbitalyntraKeyRing(this WebApplicationBuilder builder)
    {
        var storage = builder.Configuration.StorageSettings();
        // Cookies are protected under the application's name: the same on every host, wherever it is installed.
        builder.Services.AddDataProtection().SetApplicationName("Orbitalyntra");
        if (storage.InMemory)
        {
            return builder;
        }

        var key = KeyRingKey.From(builder.Configuration);
        if (key is not null)
        {
            builder.Services.AddSingleton(key);
        }

        builder.Services.AddSingleton<BlobKeyRing>(services =>
            new BlobKeyRing(storage.Blobs().GetBlobContainerClient(Container), services.GetRequiredService<ILogger<BlobKeyRing>>()));
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services => new ConfigureOptions<KeyManagementOptions>(options =>
        {
            options.XmlRepository = services.GetRequiredService<BlobKeyRing>();
            if (key is not null)
            {
                options.XmlEncryptor = new KeyRingEncryptor(key);
            }
        }));
        return builder;
    }
}
