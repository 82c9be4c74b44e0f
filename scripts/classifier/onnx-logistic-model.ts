/**
 * A logistic regression written as an ONNX model (`score = Sigmoid(features · W + b)`), encoded
 * by hand: a few protobuf messages of onnx.proto (github.com/onnx/onnx, onnx/onnx.proto) are all
 * it takes, so no protobuf library is needed. Field numbers used:
 * - ModelProto: ir_version 1, producer_name 2, producer_version 3, doc_string 6, graph 7,
 *   opset_import 8, metadata_props 14; OperatorSetIdProto: domain 1, version 2;
 *   StringStringEntryProto: key 1, value 2.
 * - GraphProto: node 1, name 2, initializer 5, input 11, output 12.
 * - NodeProto: input 1, output 2, name 3, op_type 4.
 * - TensorProto: dims 1, data_type 2 (FLOAT = 1), name 8, raw_data 9 (little-endian floats).
 * - ValueInfoProto: name 1, type 2; TypeProto: tensor_type 1; TypeProto.Tensor: elem_type 1,
 *   shape 2; TensorShapeProto: dim 1; Dimension: dim_value 1, dim_param 2.
 */

const IR_VERSION = 8;
const OPSET = 13;
const FLOAT = 1;

function varint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return bytes;
}

/** A field holding a varint (wire type 0). */
const int = (field: number, value: number) => Buffer.from([...varint(field << 3), ...varint(value)]);

/** A length-delimited field (wire type 2): bytes, a string or a nested message. */
function bytes(field: number, content: Buffer | string): Buffer {
  const body = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return Buffer.concat([Buffer.from([...varint((field << 3) | 2), ...varint(body.length)]), body]);
}

const message = (...fields: Buffer[]) => Buffer.concat(fields);

function floatTensor(name: string, dims: number[], values: Float32Array): Buffer {
  const raw = Buffer.alloc(values.length * 4);
  values.forEach((value, i) => raw.writeFloatLE(value, i * 4));
  return message(...dims.map((dim) => int(1, dim)), int(2, FLOAT), bytes(8, name), bytes(9, raw));
}

/** A float tensor input or output; a string dimension is symbolic (the batch). */
function floatValue(name: string, dims: (number | string)[]): Buffer {
  const shape = message(
    ...dims.map((dim) => bytes(1, typeof dim === 'number' ? int(1, dim) : bytes(2, dim))),
  );
  const tensorType = message(int(1, FLOAT), bytes(2, shape));
  return message(bytes(1, name), bytes(2, bytes(1, tensorType)));
}

function node(opType: string, inputs: string[], output: string): Buffer {
  return message(
    ...inputs.map((input) => bytes(1, input)),
    bytes(2, output),
    bytes(3, output),
    bytes(4, opType),
  );
}

export interface LogisticModel {
  /** One weight per feature slot (the feature dimension). */
  weights: Float32Array;
  bias: number;
  /** Free-form notes kept in the model's metadata (training data, feature version, ...). */
  metadata: Record<string, string>;
}

/** The ONNX ModelProto bytes: input `features` [batch, D] float, output `score` [batch, 1] float. */
export function onnxLogisticModel(model: LogisticModel): Buffer {
  const dimension = model.weights.length;
  const graph = message(
    bytes(1, node('MatMul', ['features', 'weights'], 'logit_raw')),
    bytes(1, node('Add', ['logit_raw', 'bias'], 'logit')),
    bytes(1, node('Sigmoid', ['logit'], 'score')),
    bytes(2, 'injection_classifier'),
    bytes(5, floatTensor('weights', [dimension, 1], model.weights)),
    bytes(5, floatTensor('bias', [1], Float32Array.of(model.bias))),
    bytes(11, floatValue('features', ['batch', dimension])),
    bytes(12, floatValue('score', ['batch', 1])),
  );
  return message(
    int(1, IR_VERSION),
    bytes(2, 'databricks-chatops'),
    bytes(3, '1'),
    bytes(6, 'Prompt-injection classifier: logistic regression on hashed text features.'),
    bytes(7, graph),
    bytes(8, message(bytes(1, ''), int(2, OPSET))),
    ...Object.entries(model.metadata).map(([key, value]) =>
      bytes(14, message(bytes(1, key), bytes(2, value))),
    ),
  );
}
