using Eval.Web.Auth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Eval.Web.Api;

/// <summary>
/// What the endpoint metadata cannot say in /openapi/v1.json: the upload's multipart fields (its body is read by
/// hand, to stream it), the X-Api-Key scheme, and the error codes.
/// </summary>
public static class OpenApiDocumentation
{
    public static Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Eval API";
        document.Info.Description =
            "Evaluate small ONNX language models. Reads are public; writes need an API key in the X-Api-Key header (delete needs an admin key). " +
            "Errors are RFC 7807 problem details with a stable `code`: " + string.Join(", ", ProblemCodes.UploadCodes.Concat(
            [ProblemCodes.ApiKeyMissing, ProblemCodes.ApiKeyInvalid, ProblemCodes.Forbidden, ProblemCodes.NotFound, ProblemCodes.RateLimited,
             ProblemCodes.Conflict, ProblemCodes.UnsupportedMediaType])) +
            ". Status strings: queued, validating, running, finished, failed, rejected, cancelled.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyAuthentication.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthentication.Header,
            Description = "An API key from Eval:Auth:ApiKeys (stored there as its SHA-256) or the EVAL_API_KEY environment variable",
        };
        foreach (var path in document.Paths.Values)
            foreach (var (method, operation) in path.Operations ?? [])
                if (method != HttpMethod.Get)
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthentication.SchemeName, document)] = [] });
                }
        return Task.CompletedTask;
    }

    public static Task DescribeUploadAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var properties = new Dictionary<string, IOpenApiSchema>
        {
            ["name"] = Text("Display name (default: config.json model_name)"),
            ["description"] = Text("Free text shown on the model page"),
            ["suite"] = Text("quick (seeded sample, the default) or full"),
            ["groups"] = Text("Comma-separated scenario groups (default: all), e.g. blimp"),
            ["kind"] = Text("auto (detect, the default), causal or masked"),
            ["queue"] = Text("cpu (default) or cuda: the workers that run it"),
            ["family"] = Text("The training run this model is a checkpoint of (letters, digits, . _ -; default: config.json family)"),
            ["checkpoint_tokens"] = Text("The checkpoint's position: training tokens seen (default: config.json training.tokens_seen)"),
            ["checkpoint_words"] = Text("Or: training words seen"),
            ["checkpoint_step"] = Text("Or: the training step"),
            ["model"] = File("model.onnx"),
            ["tokenizer"] = File("tokenizer.json (Hugging Face tokenizers format)"),
            ["config"] = File("config.json (optional)"),
            ["tokenizer_config"] = File("tokenizer_config.json (optional)"),
            ["model_data"] = File("model.onnx.data, external weights (optional)"),
            [UploadForm.ExternalDataField] = File("A file the graph keeps weights in, under the name the graph declares (model.onnx_data, one file per tensor); repeat the field for each (optional)"),
            [UploadForm.PackageField] = File("Instead of the files: one zip of a Hugging Face, Optimum or transformers.js export folder"),
            ["graph"] = Text("With package: the graph to evaluate, e.g. onnx/model_fp16.onnx (default: model.onnx, onnx/model.onnx, decoder_model_merged.onnx, ...)"),
        };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = properties } },
            },
        };
        return Task.CompletedTask;
    }

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };

    private static OpenApiSchema File(string description) => new() { Type = JsonSchemaType.String, Format = "binary", Description = description };
}
