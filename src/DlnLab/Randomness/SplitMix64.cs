namespace DlnLab.Randomness;

/// <summary>SplitMix64 mixing (Steele, Lea, Flood 2014): seeds generators and derives per-run seeds from grid coordinates.</summary>
public static class SplitMix64
{
    /// <summary>The SplitMix64 finaliser: a bijective, well-mixed function of a 64-bit word.</summary>
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// A seed that depends only on <paramref name="seed"/> and the ordered <paramref name="coordinates"/>, never on
    /// threads or completion order: sweeps derive each run's seeds from the grid coordinates this way.
    /// </summary>
    public static ulong Derive(ulong seed, params ReadOnlySpan<ulong> coordinates)
    {
        ulong h = Mix(seed);
        foreach (var c in coordinates) h = Mix(h ^ Mix(c + 0x632BE59BD9B4E019UL));
        return h;
    }

    /// <summary>A stable 64-bit hash of a label (FNV-1a), for deriving named sub-streams ("design", "noise", ...).</summary>
    public static ulong Label(string label)
    {
        ulong h = 0xCBF29CE484222325UL;
        foreach (char ch in label) { h ^= ch; h *= 0x100000001B3UL; }
        return h;
    }
}
