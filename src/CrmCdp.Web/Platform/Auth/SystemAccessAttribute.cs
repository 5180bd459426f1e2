namespace CrmCdp.Web.Platform.Auth;

/// <summary>
/// Marks a public service method (or a whole background worker) that serves the system itself — the collection API
/// checking a write key, a job — never a person, so it takes no <see cref="AccessContext"/>. The architecture test
/// accepts no other exception to "every service method that reads or changes data takes the caller's AccessContext".
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
internal sealed class SystemAccessAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
