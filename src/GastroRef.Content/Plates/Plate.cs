namespace GastroRef.Content.Plates;

/// <summary>One atlas plate: a drawn SVG (<c>plates/{slug}.svg</c>) or a figure the site draws from the relations
/// (<see cref="Generated"/>), with the metadata of its sidecar <c>plates/{slug}.yml</c>.</summary>
public sealed record Plate
{
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public required int Order { get; init; }
    public required string View { get; init; }
    public required string Side { get; init; }
    public required string Caption { get; init; }
    public required IReadOnlyList<string> Sources { get; init; }
    public string? Checked { get; init; }
    public required string Licence { get; init; }

    /// <summary>The validated SVG as written, or empty for a generated plate.</summary>
    public required string Svg { get; init; }

    /// <summary><c>vessels</c> or <c>nerves</c> for a plate the site draws from the relations; null for a drawn plate.</summary>
    public string? Generated { get; init; }

    /// <summary>Nodes of a generated plate that are not pages (the femoral artery above the popliteal).</summary>
    public IReadOnlyList<PlateContextNode> Context { get; init; } = [];

    /// <summary>The slugs the drawing shows as shapes, each once, in the order first drawn.</summary>
    public required IReadOnlyList<string> Structures { get; init; }

    /// <summary>SHA-256 of the sidecar and the SVG: it changes whenever the plate does.</summary>
    public required string ContentHash { get; init; }

    /// <summary>The sidecar's path under the content folder, e.g. <c>plates/posterior-leg-superficial.yml</c>.</summary>
    public required string SidecarPath { get; init; }
}

/// <summary>A node of a generated tree that has no page: shown as text, joined to <see cref="Parent"/> above it and
/// to <see cref="Children"/> below it (each a page slug or the name of another context node).</summary>
public sealed record PlateContextNode(string Name, string Type, string? Parent, IReadOnlyList<string> Children);

/// <summary>What the plates folder holds: the valid plates, the problems found, and the slugs of plates whose files
/// are broken (the site keeps their last good version).</summary>
public sealed record PlateSet(IReadOnlyList<Plate> Plates, IReadOnlyList<ContentProblem> Problems, IReadOnlyList<string> RejectedSlugs)
{
    public static readonly PlateSet Empty = new([], [], []);
}
