using System.Text.Json.Nodes;

namespace Eval.TestKit;

/// <summary>
/// Reshapes a copy of a reference model's settings files the way Hugging Face tools write them, weights unchanged
/// (so every score must equal the reference's): a Llama-style tokenizer whose post-processor adds the BOS, a GPT-2
/// config.json (n_positions/n_ctx, model_max_length 1e30), and a package with tokenizer_config.json only.
/// </summary>
public static class HuggingFaceExport
{
    /// <summary>transformers writes this when a tokenizer sets no limit (int(1e30)).</summary>
    public const string NoLimit = "1000000000000000019884624838656";

    /// <summary>tokenizer.json's post_processor becomes a TemplateProcessing that puts the BOS first, tokenizer_config.json says add_bos_token.</summary>
    public static string WithBosTemplate(string target, string referenceModel)
    {
        CopyWithoutOnnxMetadata(referenceModel, target);
        var bos = BosToken(target);
        var tokenizer = ReadObject(target, "tokenizer.json");
        var bosId = tokenizer["added_tokens"]!.AsArray().Single(t => (string?)t!["content"] == bos)!["id"]!.GetValue<int>();
        JsonNode Special(int typeId) => new JsonObject { ["SpecialToken"] = new JsonObject { ["id"] = bos, ["type_id"] = typeId } };
        JsonNode Sequence(string id, int typeId) => new JsonObject { ["Sequence"] = new JsonObject { ["id"] = id, ["type_id"] = typeId } };
        tokenizer["post_processor"] = new JsonObject
        {
            ["type"] = "TemplateProcessing",
            ["single"] = new JsonArray(Special(0), Sequence("A", 0)),
            ["pair"] = new JsonArray(Special(0), Sequence("A", 0), Special(1), Sequence("B", 1)),
            ["special_tokens"] = new JsonObject
            {
                [bos] = new JsonObject { ["id"] = bos, ["ids"] = new JsonArray(bosId), ["tokens"] = new JsonArray(bos) },
            },
        };
        Write(target, "tokenizer.json", tokenizer);

        var tokenizerConfig = ReadObject(target, "tokenizer_config.json");
        tokenizerConfig["add_bos_token"] = true;
        tokenizerConfig["add_eos_token"] = false;
        tokenizerConfig["bos_token"] = AddedToken(bos);
        tokenizerConfig["tokenizer_class"] = "LlamaTokenizer";
        Write(target, "tokenizer_config.json", tokenizerConfig);
        return target;
    }

    /// <summary>
    /// config.json as transformers writes a GPT-2 (model_type gpt2, n_positions, n_ctx, n_embd, n_layer, n_head,
    /// eos_token_id as a list), tokenizer_config.json with model_max_length 1e30 and its tokens as AddedToken objects.
    /// </summary>
    public static string Gpt2Config(string target, string referenceModel)
    {
        CopyWithoutOnnxMetadata(referenceModel, target);
        var reference = ReadObject(target, "config.json");
        int Get(string key) => reference[key]!.GetValue<int>();
        var config = new JsonObject
        {
            ["_name_or_path"] = "gpt2",
            ["architectures"] = new JsonArray("GPT2LMHeadModel"),
            ["model_type"] = "gpt2",
            ["activation_function"] = "gelu_new",
            ["bos_token_id"] = Get("bos_token_id"),
            ["eos_token_id"] = new JsonArray(Get("eos_token_id")),
            ["n_ctx"] = Get("max_position_embeddings"),
            ["n_positions"] = Get("max_position_embeddings"),
            ["n_embd"] = Get("hidden_size"),
            ["n_head"] = Get("num_heads"),
            ["n_layer"] = Get("num_layers"),
            ["vocab_size"] = Get("vocab_size"),
            ["torch_dtype"] = "float32",
            ["transformers_version"] = "4.46.3",
            ["use_cache"] = true,
        };
        Write(target, "config.json", config);
        var tokenizerConfig = ReadObject(target, "tokenizer_config.json");
        tokenizerConfig["model_max_length"] = JsonNode.Parse(NoLimit);
        tokenizerConfig["bos_token"] = AddedToken(tokenizerConfig["bos_token"]!.GetValue<string>());
        tokenizerConfig["eos_token"] = AddedToken(tokenizerConfig["eos_token"]!.GetValue<string>());
        tokenizerConfig["tokenizer_class"] = "GPT2Tokenizer";
        Write(target, "tokenizer_config.json", tokenizerConfig);
        return target;
    }

    /// <summary>No config.json: tokenizer_config.json names bos as a string and eos as an AddedToken object, no ids anywhere.</summary>
    public static string TokenizerConfigOnly(string target, string referenceModel)
    {
        CopyWithoutOnnxMetadata(referenceModel, target);
        File.Delete(Path.Combine(target, "config.json"));
        var tokenizerConfig = ReadObject(target, "tokenizer_config.json");
        tokenizerConfig["eos_token"] = AddedToken(tokenizerConfig["eos_token"]!.GetValue<string>());
        tokenizerConfig.Remove("bos_token_id");
        tokenizerConfig.Remove("eos_token_id");
        Write(target, "tokenizer_config.json", tokenizerConfig);
        return target;
    }

    /// <summary>The package files, model.onnx without our exporter's metadata_props (bos_token_id, vocab_size, ...), as Optimum writes it.</summary>
    public static string CopyWithoutOnnxMetadata(string referenceModel, string target)
    {
        ModelFixtures.Copy(Repo.ReferenceModel(referenceModel), target);
        var onnx = Path.Combine(target, "model.onnx");
        File.WriteAllBytes(onnx, WithoutField(File.ReadAllBytes(onnx), MetadataPropsField));
        return target;
    }

    public static JsonObject ReadObject(string folder, string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(folder, file)))!.AsObject();

    public static void Write(string folder, string file, JsonNode json) =>
        File.WriteAllText(Path.Combine(folder, file), json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));

    private const int MetadataPropsField = 14;

    /// <summary>A protobuf message without one of its top-level fields (every other byte kept in order).</summary>
    private static byte[] WithoutField(byte[] message, int field)
    {
        var kept = new List<byte>(message.Length);
        var position = 0;
        while (position < message.Length)
        {
            var start = position;
            var tag = Varint(message, ref position);
            switch (tag & 7)
            {
                case 0: Varint(message, ref position); break;
                case 1: position += 8; break;
                case 2:
                    var length = checked((int)Varint(message, ref position));
                    position += length;
                    break;
                case 5: position += 4; break;
                default: throw new InvalidDataException($"wire type {tag & 7} at byte {start}");
            }
            if ((int)(tag >> 3) != field)
                kept.AddRange(message.AsSpan(start, position - start));
        }
        return [.. kept];
    }

    private static ulong Varint(byte[] data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return value;
        }
    }

    private static string BosToken(string folder) => ReadObject(folder, "tokenizer_config.json")["bos_token"]!.GetValue<string>();

    /// <summary>How transformers serialises a special token in tokenizer_config.json.</summary>
    private static JsonObject AddedToken(string content) => new()
    {
        ["__type"] = "AddedToken",
        ["content"] = content,
        ["lstrip"] = false,
        ["normalized"] = false,
        ["rstrip"] = false,
        ["single_word"] = false,
    };
}
