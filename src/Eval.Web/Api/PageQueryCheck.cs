using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Eval.Inference.Onnx.Validation;
using Eval.Jobs.Uploads;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;

namespace Eval.Web.Api;

/// <summary>
/// A page's query parameters ([SupplyParameterFromQuery] numbers, flags) checked before the page renders: Blazor
/// throws on /compare?a=abc or a page number past int's range, an unhandled 500; here it is 400 field_invalid
/// naming the parameter. Every page is covered by its own declarations, none listed here.
/// </summary>
public sealed class PageQueryCheck(RequestDelegate next)
{
    private static readonly ConcurrentDictionary<Type, (string Name, Type Type)[]> Parameters = new();

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.QueryString.HasValue && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is { } page)
        {
            foreach (var (name, type) in Parameters.GetOrAdd(page.Type, QueryParameters))
            {
                foreach (var value in context.Request.Query[name])
                {
                    if (!string.IsNullOrEmpty(value) && !Parses(type, value))
                        return ApiProblems.From(new ModelValidationException(ValidationCodes.FieldInvalid,
                            $"query parameter '{name}' must be {Describe(type)}, not '{EchoedText.Clip(value)}'")).ExecuteAsync(context);
                }
            }
        }
        return next(context);
    }

    private static (string Name, Type Type)[] QueryParameters(Type component) =>
        component.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
            .Where(p => p.Attribute is not null)
            .Select(p => (p.Attribute!.Name ?? p.Property.Name, Nullable.GetUnderlyingType(p.Property.PropertyType) ?? p.Property.PropertyType))
            .ToArray();

    private static bool Parses(Type type, string value)
    {
        var c = CultureInfo.InvariantCulture;
        if (type == typeof(int))
            return int.TryParse(value, NumberStyles.Integer, c, out _);
        if (type == typeof(long))
            return long.TryParse(value, NumberStyles.Integer, c, out _);
        if (type == typeof(bool))
            return bool.TryParse(value, out _);
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
            return double.TryParse(value, NumberStyles.Float, c, out _);
        if (type == typeof(Guid))
            return Guid.TryParse(value, out _);
        if (type == typeof(DateTime))
            return DateTime.TryParse(value, c, DateTimeStyles.None, out _);
        return true;
    }

    private static string Describe(Type type) =>
        type == typeof(int) ? $"a whole number from {int.MinValue} to {int.MaxValue}"
        : type == typeof(long) ? "a whole number"
        : type == typeof(bool) ? "true or false"
        : $"a {type.Name}";
}
