namespace CrmCdp.Web.Components.Shared;

/// <summary>A page that is all about one form (sign-in): on arrival the keyboard goes to its first field, not to the heading.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class FocusFirstFieldAttribute : Attribute
{
    public const string Selector = "input:not([type=hidden])";
}
