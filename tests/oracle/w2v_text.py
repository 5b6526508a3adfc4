"""w2v_text.py: write(x, path) writes a matrix (NumPy array or torch tensor)
as word2vec text with rows named #0, #1, ... (the names embx gives
unlabelled rows) and every value as %.9g, so float32 values read back
exactly: the reference the tensor-format tests compare embx's answers with."""


def write(x, path):
    with open(path, 'w') as f:
        f.write('%d %d\n' % tuple(x.shape))
        for i, r in enumerate(x.tolist()):
            f.write('#%d ' % i + ' '.join('%.9g' % v for v in r) + '\n')
