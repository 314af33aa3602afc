using System.Runtime.InteropServices;
using Eval.Core.Models;
using Microsoft.ML.OnnxRuntime;

namespace Eval.Inference.Onnx;

/// <summary>
/// Builds session options on CUDA when it loads, else the CPU. GetAvailableProviders() lists CUDA even where it
/// cannot load (STACK.md pitfall 4), so the only test is to append the provider and catch the failure.
/// </summary>
public static class ExecutionProviderSelector
{
    public const string CpuProvider = "CPUExecutionProvider";
    public const string CudaProvider = "CUDAExecutionProvider";

    // The libraries the CUDA provider needs (CUDA 13, cuDNN 9); naming the missing ones makes the fallback explainable.
    private static readonly string[] CudaLibraries = ["libcudart.so.13", "libcublasLt.so.13", "libcublas.so.13", "libcudnn.so.9"];

    static ExecutionProviderSelector()
    {
        Environment.SetEnvironmentVariable("ORT_DISABLE_TELEMETRY", "1");
        // ONNX Runtime would print the failed CUDA load in red on every start; the reason is reported instead.
        if (!OrtEnv.IsCreated)
        {
            var options = new EnvironmentCreationOptions { logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
            OrtEnv.CreateInstanceWithOptions(ref options);
        }
    }

    public static (SessionOptions Options, ExecutionProviderChoice Choice) Create(InferenceOptions settings)
    {
        var device = settings.Device.ToLowerInvariant();
        if (device is not (InferenceOptions.Auto or InferenceOptions.Cpu or InferenceOptions.Cuda))
            throw new ArgumentException($"unknown device '{settings.Device}' (auto, cpu or cuda)");

        if (device == InferenceOptions.Cpu)
            return (CpuOptions(settings), new ExecutionProviderChoice(CpuProvider, "device cpu was requested"));

        var options = CpuOptions(settings);
        try
        {
            options.AppendExecutionProvider_CUDA(settings.DeviceId);
            return (options, new ExecutionProviderChoice(CudaProvider, $"CUDA device {settings.DeviceId} loaded"));
        }
        catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            options.Dispose();
            var missing = CudaLibraries.Where(l => !NativeLibrary.TryLoad(l, out _)).ToList();
            var reason = FirstLine(e.Message) + (missing.Count > 0 ? $"; not found: {string.Join(", ", missing)}" : "");
            if (device == InferenceOptions.Cuda)
                throw new CudaUnavailableException(reason);
            return (CpuOptions(settings), new ExecutionProviderChoice(CpuProvider, $"{ExecutionProviderChoice.CudaFallbackPrefix} ({reason}); using the CPU"));
        }
    }

    private static SessionOptions CpuOptions(InferenceOptions settings) => new()
    {
        GraphOptimizationLevel = settings.GraphOptimizationLevel,
        IntraOpNumThreads = settings.IntraOpThreads,
        InterOpNumThreads = settings.InterOpThreads,
        LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
    };

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? message;
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
