/// An XDP program's verdict (`enum xdp_action` in `linux/bpf.h`); the
/// short name SluiceKernel and the CLI use for `XDPResultMode.Action`.
public typealias XDPAction = XDPResultMode.Action
