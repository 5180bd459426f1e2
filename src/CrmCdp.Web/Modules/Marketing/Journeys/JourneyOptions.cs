using CrmCdp.Web.Platform.Settings;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>The journey runner (<c>Journeys</c> settings section).</summary>
internal sealed class JourneyOptions : ISettingsSection
{
    public static string Section => "Journeys";

    /// <summary>Run journey steps on this instance (every instance may; row locks keep one person's steps to one of them).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long the runner rests when nobody is due, unless an enrolment wakes it.</summary>
    public int IdleMilliseconds { get; set; } = 1000;

    /// <summary>How many due people one transaction takes up (each in a savepoint of their own).</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How many runners take people up at once on this instance (row locks keep them apart).</summary>
    public int Workers { get; set; } = 2;

    /// <summary>A step that fails (not a skip: an error) is tried again this many times, a minute apart, before the person's journey fails.</summary>
    public int MaxErrors { get; set; } = 5;
}
