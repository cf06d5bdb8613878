namespace Coffer.Testing;

/// <summary>Where a V2-signed request carries its parameters.</summary>
public enum WirePlacement
{
    /// <summary>POST with every parameter in the query (kms20160120, openapi v2).</summary>
    PostQuery,

    /// <summary>GET with every parameter in the query (pop-core default).</summary>
    GetQuery,

    /// <summary>POST with every parameter in a form body (pop-core POST).</summary>
    PostForm,

    /// <summary>POST with common parameters in the query and business parameters in a form body (terraform).</summary>
    Terraform,
}
