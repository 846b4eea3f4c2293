package io.omvcap.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

/**
 * The native libraries the release jar must carry for the boards omvcap runs on, one line per
 * library, and the check that each entry is there and is a shared object for its machine.
 */
final class NativeLibraries {
    /**
     * One line per library: where it keeps its Linux build for x86_64, aarch64 and armv7
     * (hard-float, as Raspberry Pi OS 32-bit). {@code *} stands for any characters within one path
     * segment (a version in a file name). Check the paths with {@code unzip -l} on the library's
     * jar when adding one.
     */
    static final List<NativeLibrary> REQUIRED = List.of(
            new NativeLibrary("jSerialComm", "Linux/x86_64/libjSerialComm.so", "Linux/armv8_64/libjSerialComm.so",
                    "Linux/armv7hf/libjSerialComm.so"),
            new NativeLibrary("JNA", "com/sun/jna/linux-x86-64/libjnidispatch.so",
                    "com/sun/jna/linux-aarch64/libjnidispatch.so", "com/sun/jna/linux-arm/libjnidispatch.so"),
            new NativeLibrary("zstd-jni", "linux/amd64/libzstd-jni-*.so", "linux/aarch64/libzstd-jni-*.so",
                    "linux/arm/libzstd-jni-*.so"),
            // lz4-java 1.13.0 has no armv7 build: there LZ4Factory.fastestInstance() uses its Java codec
            new NativeLibrary("lz4-java", "net/jpountz/util/linux/amd64/liblz4-java.so",
                    "net/jpountz/util/linux/aarch64/liblz4-java.so", "net/jpountz/lz4/LZ4JavaSafeCompressor.class"));
    // snappy-java (only for 'export --compression snappy'; zstd is the default) is not required: its
    // 1.1.10.8 armv7 build is soft-float, which a hard-float JVM cannot load; export then says so in
    // one line and names the codecs that work.

    private NativeLibraries() {
    }

    /** Where one library keeps its build for each machine. */
    record NativeLibrary(String name, String x86_64, String aarch64, String armv7) {
        List<Entry> entries() {
            return List.of(new Entry(this, x86_64, Machine.X86_64), new Entry(this, aarch64, Machine.AARCH64),
                    new Entry(this, armv7, Machine.ARMV7_HARD_FLOAT));
        }
    }

    /** One expected jar entry. */
    record Entry(NativeLibrary library, String pattern, Machine machine) {
        boolean matches(String name) {
            return Pattern.compile(Pattern.quote(pattern).replace("*", "\\E[^/]*\\Q")).matcher(name).matches();
        }
    }

    /** The ELF identity of each machine's shared objects. */
    enum Machine {
        X86_64(2, 62, 0),
        AARCH64(2, 183, 0),
        /** EM_ARM with EF_ARM_ABI_FLOAT_HARD. */
        ARMV7_HARD_FLOAT(1, 40, 0x400);

        private final int elfClass;
        private final int elfMachine;
        private final int requiredFlags;

        Machine(int elfClass, int elfMachine, int requiredFlags) {
            this.elfClass = elfClass;
            this.elfMachine = elfMachine;
            this.requiredFlags = requiredFlags;
        }

        /** Null when {@code header} is a little-endian ELF object for this machine, else what is wrong. */
        String problem(byte[] header) {
            if (header.length < 52 || header[0] != 0x7F || header[1] != 'E' || header[2] != 'L' || header[3] != 'F') {
                return "not an ELF file";
            }
            if (header[4] != elfClass || header[5] != 1) {
                return "ELF class " + header[4] + ", data " + header[5] + " (expected class " + elfClass + ", little-endian)";
            }
            int machine = (header[18] & 0xFF) | (header[19] & 0xFF) << 8;
            if (machine != elfMachine) {
                return "ELF machine " + machine + " (expected " + elfMachine + ")";
            }
            int flagsAt = elfClass == 1 ? 36 : 48;
            int flags = (header[flagsAt] & 0xFF) | (header[flagsAt + 1] & 0xFF) << 8 | (header[flagsAt + 2] & 0xFF) << 16
                    | (header[flagsAt + 3] & 0xFF) << 24;
            return (flags & requiredFlags) == requiredFlags ? null
                    : String.format("ELF flags 0x%x lack 0x%x", flags, requiredFlags);
        }
    }

    /** Every problem with {@code jar}: entries missing or not a shared object for their machine; empty when all is well. */
    static List<String> problems(JarFile jar) throws IOException {
        List<String> problems = new ArrayList<>();
        List<JarEntry> all = jar.stream().toList();
        for (NativeLibrary lib : REQUIRED) {
            for (Entry e : lib.entries()) {
                List<JarEntry> found = all.stream().filter(j -> e.matches(j.getName())).toList();
                if (found.isEmpty()) {
                    problems.add(lib.name() + " for " + e.machine() + ": no entry " + e.pattern());
                    continue;
                }
                for (JarEntry j : found) {
                    if (!j.getName().endsWith(".so")) {
                        continue;
                    }
                    byte[] header;
                    try (InputStream in = jar.getInputStream(j)) {
                        header = in.readNBytes(64);
                    }
                    String problem = e.machine().problem(header);
                    if (problem != null) {
                        problems.add(lib.name() + " for " + e.machine() + ": " + j.getName() + " is " + problem);
                    }
                }
            }
        }
        return problems;
    }
}
