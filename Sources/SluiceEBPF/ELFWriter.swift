/// Writes an eBPF program as a relocatable ELF64 object (little-endian,
/// `EM_BPF`), laid out as `clang -target bpf -g` lays out
/// `SEC("xdp") int NAME(struct xdp_md *ctx)` with `char _license[] SEC("license")`
/// and, for maps, BTF-defined maps in `SEC(".maps")`:
/// so `ip link set dev X xdp obj FILE.o sec xdp`, `bpftool prog load` and
/// `xdp-loader load` (libbpf/libxdp readers) accept it.
///
/// Sections: the program, `license`, `.symtab` with the function (`STT_FUNC`,
/// global), `_license` and each map (`STT_OBJECT`, global), `.strtab`,
/// `.BTF`/`.BTF.ext` describing the function and the maps (libxdp needs the
/// function's BTF to run the program behind its dispatcher; libbpf 1.x reads
/// maps only from BTF), and, with maps, `.maps` and `.rel<section>`: one
/// `R_BPF_64_64` relocation per `lddw` that loads a map, which the loader
/// turns into the map's fd.
public enum ELFWriter {
    /// The object file bytes for `program` in section `section`. Each map's
    /// `references` name the `lddw` slots of `program` that load it (their
    /// `src`/`imm` are written as 0, as clang leaves them for the loader).
    public static func object(for program: EBPFProgram, section: String = "xdp", license: String = "GPL",
                              functionName: String = "sluice_filter", maps: [ELFMapDefinition] = []) -> [UInt8] {
        var code = program
        for map in maps {
            for slot in map.references where code.instructions.indices.contains(slot) {
                code.instructions[slot].src = 0
                code.instructions[slot].imm = 0
            }
        }
        let codeBytes = code.encoded
        let licenseBytes = Array(license.utf8) + [0]
        let btf = BTFWriter(function: functionName, section: section, licenseLength: licenseBytes.count, maps: maps)

        var names = StringTable()
        // Section indices: 0 null, 1 .strtab, 2 program, 3 license, 4 .symtab, 5 .BTF, 6 .BTF.ext,
        // and with maps 7 .maps, 8 .rel<section>.
        var symbols = LittleEndianWriter()
        symbols.bytes += [UInt8](repeating: 0, count: 24)  // the null symbol
        symbol(&symbols, name: 0, info: 0x03, section: 2, size: 0)  // STT_SECTION, local
        symbol(&symbols, name: names.offset(of: functionName), info: 0x12, section: 2, size: UInt64(codeBytes.count))
        symbol(&symbols, name: names.offset(of: "_license"), info: 0x11, section: 3, size: UInt64(licenseBytes.count))
        var relocations = LittleEndianWriter()
        for (index, map) in maps.enumerated() {
            let symbolIndex = UInt64(4 + index)
            symbol(&symbols, name: names.offset(of: map.name), info: 0x11, section: 7,
                   value: UInt64(index * ELFMapDefinition.size), size: UInt64(ELFMapDefinition.size))
            for slot in map.references {
                relocations.u64(UInt64(slot * 8))     // r_offset: the lddw's byte offset
                relocations.u64(symbolIndex << 32 | 1)  // r_info: symbol, R_BPF_64_64
            }
        }

        var contents: [(name: String, type: UInt32, flags: UInt64, data: [UInt8], link: UInt32, info: UInt32,
                        align: UInt64, entrySize: UInt64)] = [
            (section, 1, 0x6, codeBytes, 0, 0, 8, 0),              // PROGBITS, SHF_ALLOC|SHF_EXECINSTR
            ("license", 1, 0x3, licenseBytes, 0, 0, 1, 0),         // PROGBITS, SHF_WRITE|SHF_ALLOC
            (".symtab", 2, 0, symbols.bytes, 1, 2, 8, 24),         // SYMTAB: link .strtab, first global 2
            (".BTF", 1, 0, btf.btfSection(), 0, 0, 4, 0),
            (".BTF.ext", 1, 0, btf.btfExtSection(), 0, 0, 4, 0),
        ]
        if !maps.isEmpty {
            let definitions = [UInt8](repeating: 0, count: maps.count * ELFMapDefinition.size)
            contents.append((".maps", 1, 0x3, definitions, 0, 0, 8, 0))                  // PROGBITS, WA
            contents.append((".rel" + section, 9, 0x40, relocations.bytes, 4, 2, 8, 16))  // REL: symtab, program
        }
        var sectionNames: [UInt32] = []
        for item in contents { sectionNames.append(names.offset(of: item.name)) }
        let strtabName = names.offset(of: ".strtab")

        // Layout: ELF header, section bodies (aligned), section headers.
        var file = LittleEndianWriter()
        file.bytes += [UInt8](repeating: 0, count: 64)
        var headers = LittleEndianWriter()
        headers.bytes += [UInt8](repeating: 0, count: 64)  // SHN_UNDEF
        let strtabOffset = file.bytes.count
        file.bytes += names.bytes
        sectionHeader(&headers, name: strtabName, type: 3, flags: 0, offset: UInt64(strtabOffset),
                      size: UInt64(names.bytes.count), link: 0, info: 0, align: 1, entrySize: 0)
        for (index, item) in contents.enumerated() {
            file.align(Int(item.align))
            let offset = file.bytes.count
            file.bytes += item.data
            sectionHeader(&headers, name: sectionNames[index], type: item.type, flags: item.flags,
                          offset: UInt64(offset), size: UInt64(item.data.count), link: item.link, info: item.info,
                          align: item.align, entrySize: item.entrySize)
        }
        file.align(8)
        let sectionHeaderOffset = file.bytes.count
        file.bytes += headers.bytes

        var header = LittleEndianWriter()
        header.bytes += [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]  // ELFCLASS64, ELFDATA2LSB, EV_CURRENT, SYSV
        header.bytes += [UInt8](repeating: 0, count: 8)
        header.u16(1)    // ET_REL
        header.u16(247)  // EM_BPF
        header.u32(1)    // EV_CURRENT
        header.u64(0)    // e_entry
        header.u64(0)    // e_phoff
        header.u64(UInt64(sectionHeaderOffset))
        header.u32(0)    // e_flags
        header.u16(64)   // e_ehsize
        header.u16(0)    // e_phentsize
        header.u16(0)    // e_phnum
        header.u16(64)   // e_shentsize
        header.u16(UInt16(contents.count + 2))
        header.u16(1)    // e_shstrndx: .strtab holds section names too, as clang's objects do
        file.bytes.replaceSubrange(0..<64, with: header.bytes)
        return file.bytes
    }

    /// One `Elf64_Sym`.
    private static func symbol(_ out: inout LittleEndianWriter, name: UInt32, info: UInt8, section: UInt16,
                               value: UInt64 = 0, size: UInt64) {
        out.u32(name)
        out.u8(info)
        out.u8(0)  // STV_DEFAULT
        out.u16(section)
        out.u64(value)
        out.u64(size)
    }

    /// One `Elf64_Shdr`.
    private static func sectionHeader(_ out: inout LittleEndianWriter, name: UInt32, type: UInt32, flags: UInt64,
                                      offset: UInt64, size: UInt64, link: UInt32, info: UInt32, align: UInt64,
                                      entrySize: UInt64) {
        out.u32(name)
        out.u32(type)
        out.u64(flags)
        out.u64(0)  // sh_addr
        out.u64(offset)
        out.u64(size)
        out.u32(link)
        out.u32(info)
        out.u64(align)
        out.u64(entrySize)
    }
}

/// A map an ELF object defines in `.maps`, the way libbpf's BTF-defined maps
/// declare it in C (`__uint(type, …)`, `__uint(key_size, …)`,
/// `__uint(value_size, …)`, `__uint(max_entries, …)`): the loader creates
/// the map and patches every `lddw` in `references` with its fd.
public struct ELFMapDefinition: Hashable, Sendable {
    /// The map's name (the C variable; the kernel keeps 15 characters).
    public var name: String
    /// `BPF_MAP_TYPE_*` (e.g. 2 array, 6 per-CPU array).
    public var type: UInt32
    /// Key and value sizes in bytes.
    public var keySize: UInt32
    /// Value size in bytes.
    public var valueSize: UInt32
    /// `max_entries`.
    public var maxEntries: UInt32
    /// The program slots whose `lddw` loads this map.
    public var references: [Int]

    /// Bytes one definition takes in `.maps`: four pointers, as in C.
    static let size = 32

    /// Describes a map and the slots that load it.
    public init(name: String, type: UInt32, keySize: UInt32, valueSize: UInt32, maxEntries: UInt32, references: [Int]) {
        self.name = name
        self.type = type
        self.keySize = keySize
        self.valueSize = valueSize
        self.maxEntries = maxEntries
        self.references = references
    }

    /// The fields in the order the C struct declares them, as `__uint` values.
    var fields: [(name: String, value: UInt32)] {
        [("type", type), ("key_size", keySize), ("value_size", valueSize), ("max_entries", maxEntries)]
    }
}
