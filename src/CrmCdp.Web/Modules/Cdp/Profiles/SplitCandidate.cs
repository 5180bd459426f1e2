namespace CrmCdp.Web.Modules.Cdp.Profiles;

/// <summary>An identifier offered for a split: its stored value (kept on the server) and what the user may see of it.</summary>
public sealed record SplitCandidate(string Type, string Value, string Display);
