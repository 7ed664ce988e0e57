/// Writes an eBPF program as a relocatable ELF64 object (little-endian,
/// `EM_BPF`), laid out as `clang -target bpf -g` lays out
/// `SEC("xdp") int NAME(struct xdp_md *ctx)` with `char _license[] SEC("license")`:
/// so `ip link set dev X xdp obj FILE.o sec xdp`, `bpftool prog load` and
/// `xdp-loader load` (libbpf/libxdp readers) accept it.
///
/// Sections: the program, `license`, `.symtab` with the function (`STT_FUNC`,
/// global) and `_license`, `.strtab`, and `.BTF`/`.BTF.ext` describing the
/// function, which libxdp needs to run the program behind its dispatcher.
/// Programs with map references are not supported (no relocations).
public enum ELFWriter {
    /// The object file bytes for `program` in section `section`.
    public static func object(for program: EBPFProgram, section: String = "xdp", license: String = "GPL",
                              functionName: String = "sluice_filter") -> [UInt8] {
        let code = program.encoded
        let licenseBytes = Array(license.utf8) + [0]
        let btf = BTFWriter(function: functionName, section: section, licenseLength: licenseBytes.count)

        var names = StringTable()
        // Section indices: 0 null, 1 .strtab, 2 program, 3 license, 4 .symtab, 5 .BTF, 6 .BTF.ext.
        var symbols = LittleEndianWriter()
        symbols.bytes += [UInt8](repeating: 0, count: 24)  // the null symbol
        symbol(&symbols, name: 0, info: 0x03, section: 2, size: 0)  // STT_SECTION, local
        symbol(&symbols, name: names.offset(of: functionName), info: 0x12, section: 2, size: UInt64(code.count))
        symbol(&symbols, name: names.offset(of: "_license"), info: 0x11, section: 3, size: UInt64(licenseBytes.count))

        let contents: [(name: String, type: UInt32, flags: UInt64, data: [UInt8], link: UInt32, info: UInt32,
                        align: UInt64, entrySize: UInt64)] = [
            (section, 1, 0x6, code, 0, 0, 8, 0),                   // PROGBITS, SHF_ALLOC|SHF_EXECINSTR
            ("license", 1, 0x3, licenseBytes, 0, 0, 1, 0),         // PROGBITS, SHF_WRITE|SHF_ALLOC
            (".symtab", 2, 0, symbols.bytes, 1, 2, 8, 24),         // SYMTAB: link .strtab, first global 2
            (".BTF", 1, 0, btf.btfSection(), 0, 0, 4, 0),
            (".BTF.ext", 1, 0, btf.btfExtSection(), 0, 0, 4, 0),
        ]
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
                               size: UInt64) {
        out.u32(name)
        out.u8(info)
        out.u8(0)  // STV_DEFAULT
        out.u16(section)
        out.u64(0)
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
