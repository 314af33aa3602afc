using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Eval.Data;

/// <summary>Stores every DateTime as UTC and reads it back as UTC (the platform writes UTC times only).</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
