using System.Runtime.InteropServices;
using System.Text;

namespace Eval.Core.Efficiency;

/// <summary>
/// NVIDIA's management library (libnvidia-ml.so.1, loaded only if present): nvmlDeviceGetTotalEnergyConsumption,
/// millijoules since the driver loaded (Volta and later), of GPU 0 as NVML numbers them. The GPU's name comes from
/// the same library.
/// </summary>
public sealed class NvmlEnergyMeter : IEnergyMeter
{
    private const string Library = "libnvidia-ml.so.1";

    private readonly IntPtr library;
    private readonly IntPtr device;
    private readonly GetEnergy getEnergy;
    private readonly Action shutdown;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int Init();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int Shutdown();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int GetHandle(uint index, out IntPtr device);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int GetEnergy(IntPtr device, out ulong millijoules);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int GetName(IntPtr device, byte[] name, uint length);

    private NvmlEnergyMeter(IntPtr library, IntPtr device, GetEnergy getEnergy, Action shutdown, string gpuName)
    {
        this.library = library;
        this.device = device;
        this.getEnergy = getEnergy;
        this.shutdown = shutdown;
        GpuName = gpuName;
    }

    public string GpuName { get; }

    public string Source => $"NVML GPU 0 ({GpuName})";

    /// <summary>The meter when NVML loads and GPU 0 reports its energy, else null.</summary>
    public static NvmlEnergyMeter? TryOpen()
    {
        if (!NativeLibrary.TryLoad(Library, out var library))
            return null;
        try
        {
            T Function<T>(string name) where T : Delegate => Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(library, name));
            if (Function<Init>("nvmlInit_v2")() != 0)
            {
                NativeLibrary.Free(library);
                return null;
            }
            var shutdown = Function<Shutdown>("nvmlShutdown");
            var energy = Function<GetEnergy>("nvmlDeviceGetTotalEnergyConsumption");
            if (Function<GetHandle>("nvmlDeviceGetHandleByIndex_v2")(0, out var device) != 0 || energy(device, out _) != 0)
            {
                shutdown();
                NativeLibrary.Free(library);
                return null;
            }
            var name = new byte[96];
            var gpu = Function<GetName>("nvmlDeviceGetName")(device, name, (uint)name.Length) == 0
                ? Encoding.ASCII.GetString(name).TrimEnd('\0') : "unknown GPU";
            return new NvmlEnergyMeter(library, device, energy, () => shutdown(), gpu);
        }
        catch (EntryPointNotFoundException)
        {
            NativeLibrary.Free(library);
            return null;
        }
    }

    public double ReadJoules() =>
        getEnergy(device, out var millijoules) == 0 ? millijoules / 1000.0 : throw new InvalidOperationException("NVML stopped reporting energy");

    public void Dispose()
    {
        shutdown();
        NativeLibrary.Free(library);
    }
}
