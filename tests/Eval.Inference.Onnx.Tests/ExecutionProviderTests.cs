using System.Runtime.InteropServices;

namespace Eval.Inference.Onnx.Tests;

/// <summary>Without the CUDA libraries, auto falls back to the CPU and says why; cuda refuses. Skipped where a GPU is present.</summary>
public sealed class ExecutionProviderTests
{
    [SkippableFact]
    public void Auto_FallsBackToCpu_NamingTheMissingLibrary()
    {
        Skip.If(GpuPresent(), "a GPU is present: CUDA loads here");

        var (options, choice) = ExecutionProviderSelector.Create(new InferenceOptions { Device = InferenceOptions.Auto });
        options.Dispose();

        Assert.Equal(ExecutionProviderSelector.CpuProvider, choice.Name);
        Assert.Matches(@"lib(cudart|cublasLt|cublas|cudnn)\.so\.\d+", choice.Reason);
        Assert.EndsWith("using the CPU", choice.Reason);
    }

    [SkippableFact]
    public void Cuda_Throws_WhenCudaCannotBeLoaded()
    {
        Skip.If(GpuPresent(), "a GPU is present: CUDA loads here");

        var error = Assert.Throws<CudaUnavailableException>(() => ExecutionProviderSelector.Create(new InferenceOptions { Device = InferenceOptions.Cuda }));

        Assert.Matches(@"lib(cudart|cublasLt|cublas|cudnn)\.so\.\d+", error.Message);
    }

    [Fact]
    public void Cpu_IsUsed_WhenRequested()
    {
        var (options, choice) = ExecutionProviderSelector.Create(new InferenceOptions { Device = InferenceOptions.Cpu, IntraOpThreads = 1 });
        options.Dispose();

        Assert.Equal(ExecutionProviderSelector.CpuProvider, choice.Name);
        Assert.Equal("device cpu was requested", choice.Reason);
    }

    [Fact]
    public void UnknownDevice_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => ExecutionProviderSelector.Create(new InferenceOptions { Device = "tpu" }));
    }

    private static bool GpuPresent() =>
        File.Exists("/usr/bin/nvidia-smi") || NativeLibrary.TryLoad("libcuda.so.1", out _);
}
