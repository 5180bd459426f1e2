namespace CrmCdp.Web.Platform.Auth;

/// <summary>How far a permission on owned records reaches. Ordered: a wider scope includes the narrower.</summary>
internal enum RecordScope
{
    None = 0,
    Own = 1,
    Team = 2,
    All = 3,
}
