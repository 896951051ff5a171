// The package entry "avf/ndarray": interop with scijs/ndarray. ndarray compiles code at run time,
// so nothing in the core imports this file.
import ndarray from 'ndarray';
import { Tensor } from './autograd/tensor.ts';

/** A row-major ndarray view over the tensor's data (no copy). */
export function toNdarray(t: Tensor): ndarray.NdArray<Float32Array> {
  return ndarray(t.data, [...t.shape]);
}

/** A tensor holding a row-major copy of any ndarray (any strides, any offset). */
export function fromNdarray(a: ndarray.NdArray, requiresGrad = false): Tensor {
  const shape = a.shape.slice();
  const data = new Float32Array(a.size);
  const index = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < data.length; i++) {
    data[i] = a.get(...index) as number;
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  return new Tensor(data, shape, requiresGrad);
}
