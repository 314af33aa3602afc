using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Eval.Data.Entities;
using Eval.Inference.Onnx.Validation;

namespace Eval.Jobs.Families;

/// <summary>
/// Reads and checks a model's family and checkpoint position: from the upload's fields (family, checkpoint_tokens,
/// checkpoint_words, checkpoint_step), else from config.json (family, training.tokens_seen / words_seen / steps).
/// A bad value is family_invalid or checkpoint_invalid, naming the field.
/// </summary>
public static partial class CheckpointRules
{
    public const int MaxFamilyLength = 100;

    /// <summary>The upload fields, by unit.</summary>
    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["checkpoint_tokens"] = CheckpointUnits.Tokens,
        ["checkpoint_words"] = CheckpointUnits.Words,
        ["checkpoint_step"] = CheckpointUnits.Step,
    };

    // A family name is a path segment (/families/<name>) and a file name in downloads: letters, digits, . _ -.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex FamilyName();

    /// <summary>
    /// The checkpoint the fields state (null when they state none). <paramref name="positions"/> holds the checkpoint
    /// fields that were sent, by field name. When no field is sent the config.json's figures are used.
    /// </summary>
    public static ModelCheckpoint? Parse(string? family, IReadOnlyDictionary<string, string?> positions, JsonObject? config)
    {
        var sent = positions.Where(p => !string.IsNullOrWhiteSpace(p.Value)).ToList();
        if (sent.FirstOrDefault(p => !Fields.ContainsKey(p.Key)) is { Key: { } unknown })
            throw Invalid($"unknown checkpoint field '{unknown}' (fields: {string.Join(", ", Fields.Keys)})");
        family = string.IsNullOrWhiteSpace(family) ? null : family.Trim();
        if (family is not null)
            CheckFamily(family);
        if (sent.Count > 1)
            throw Invalid($"a checkpoint has one position: send one of {string.Join(", ", Fields.Keys)}, not {string.Join(" and ", sent.Select(p => p.Key))}");
        if (sent.Count == 1)
        {
            var (field, raw) = (sent[0].Key, sent[0].Value!.Trim());
            if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var position))
                throw Invalid($"{field} must be a whole number of at least 0, not '{Shorten(raw)}'");
            family ??= FromConfig(config)?.Family;
            if (family is null)
                throw Invalid($"{field} needs a family: name the training run the checkpoint belongs to (field family)");
            return new ModelCheckpoint(family, Fields[field], position);
        }
        if (family is null)
            return FromConfig(config);
        if (PositionInConfig(config) is not var (unit, configured))
            throw Invalid($"family '{family}' needs the checkpoint's position: send one of {string.Join(", ", Fields.Keys)} (or training.tokens_seen in config.json)");
        return new ModelCheckpoint(family, unit, configured);
    }

    /// <summary>
    /// A config.json's checkpoint: family (top level) with training.tokens_seen, else training.words_seen, else
    /// training.steps. Null when it names no family or no position; lenient (an uploaded config.json may hold any JSON).
    /// </summary>
    public static ModelCheckpoint? FromConfig(JsonObject? config)
    {
        if (config?["family"] is not JsonValue f || !f.TryGetValue<string>(out var family) || !IsFamilyName(family))
            return null;
        return PositionInConfig(config) is var (unit, position) ? new ModelCheckpoint(family, unit, position) : null;
    }

    /// <summary>training.tokens_seen, else training.words_seen, else training.steps of a config.json.</summary>
    private static (string Unit, long Position)? PositionInConfig(JsonObject? config)
    {
        var training = config?["training"] as JsonObject;
        foreach (var (key, unit) in new[] { ("tokens_seen", CheckpointUnits.Tokens), ("words_seen", CheckpointUnits.Words), ("steps", CheckpointUnits.Step) })
            if (training?[key] is JsonValue v && v.TryGetValue<long>(out var position) && position >= 0)
                return (unit, position);
        return null;
    }

    public static bool IsFamilyName(string family) => family.Length <= MaxFamilyLength && FamilyName().IsMatch(family);

    private static void CheckFamily(string family)
    {
        if (!IsFamilyName(family))
            throw new ModelValidationException(ValidationCodes.FamilyInvalid,
                $"family must be 1 to {MaxFamilyLength} letters, digits, '.', '_' or '-', starting with a letter or digit, not '{Shorten(family)}'");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static ModelValidationException Invalid(string message) => new(ValidationCodes.CheckpointInvalid, message);
}
