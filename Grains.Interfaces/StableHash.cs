using System.Text;

namespace Orbitalyntra;

/// <summary>
/// A hash that is the same in every process and .NET version (string.GetHashCode is randomized per process), for what
/// silos and web hosts must agree on or what is stored: a conversation's messages shard and its channel.
/// </summary>
public static class StableHash
{
    /// <summary>32-bit FNV-1a of <paramref name="text"/>'s UTF-8 bytes.</summary>
    public static uint Of(string text)
    {
        var hash = 2_166_136_261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16_777_619u;
        }

        return hash;
    }
}
