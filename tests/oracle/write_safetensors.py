"""write_safetensors.py: writes safetensors files with NumPy alone (the
format is an 8-byte header length, a JSON header and the raw bytes), so the
tests do not need the safetensors package. save(path, {name: (dtype, array)})
with dtype F32, F16, F64, BF16 (rounded to nearest even) or any other name
with raw bytes."""
import json, struct
import numpy as np

def bf16_bytes(a):
    u = np.ascontiguousarray(a, dtype='<f4').view('<u4').astype(np.uint64)
    r = ((u + 0x7fff + ((u >> 16) & 1)) >> 16).astype('<u2')
    return r.tobytes()

def bf16_round(a):
    u = np.frombuffer(bf16_bytes(a), dtype='<u2').astype('<u4') << 16
    return u.view('<f4').reshape(a.shape)

def save(path, tensors, metadata=None, pad=True):
    header, blobs, off = {}, [], 0
    for name, (dt, a) in tensors.items():
        if dt == 'BF16':
            b = bf16_bytes(a)
        elif dt in ('F32', 'F16', 'F64'):
            b = np.ascontiguousarray(a, dtype={'F32': '<f4', 'F16': '<f2', 'F64': '<f8'}[dt]).tobytes()
        else:
            b = np.ascontiguousarray(a).tobytes()
        header[name] = {'dtype': dt, 'shape': list(a.shape), 'data_offsets': [off, off + len(b)]}
        blobs.append(b)
        off += len(b)
    if metadata:
        header['__metadata__'] = metadata
    h = json.dumps(header).encode()
    if pad:
        h += b' ' * (-len(h) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(h)) + h + b''.join(blobs))
