package autodiff

// opKind says which op made a node. The compiler's rewrites (compile_opt.go)
// and anything else that treats some ops specially switch on it; a typo is a
// compile error, not a rewrite that silently never fires. String gives the
// op's name, used in errors, Node.String and Node.Op.
type opKind uint8

// The kinds of node: two leaves, then the primitives (file by file). Adding a
// primitive adds a kind here, its name in opNames and one row of the
// primitives table of ops_test.go, which checks it in both engines.
const (
	opVariable opKind = iota
	opConst

	// binary.go, loss.go
	opAdd
	opMul
	opDiv
	opPowVar
	opWhere
	opBCEWithLogits

	// matrix.go
	opMatMul
	opTranspose
	opSlice
	opPad

	// reduce.go
	opBroadcastTo
	opSumTo
	opSum
	opMaxAxis
	opArgMaxMask
	opLogSumExp
	opReshape

	// unary.go
	opNeg
	opExp
	opLog
	opSin
	opCos
	opTanh
	opTanhPrime
	opSigmoid
	opSigmoidPrime
	opSoftplus
	opReLU
	opReLUGrad
	opAbs
	opSign
	opSqrt
	opPow
	opScale
	opAddScalar

	numOpKinds
)

var opNames = [numOpKinds]string{
	opVariable:      "Variable",
	opConst:         "Const",
	opAdd:           "Add",
	opMul:           "Mul",
	opDiv:           "Div",
	opPowVar:        "PowVar",
	opWhere:         "Where",
	opBCEWithLogits: "BCEWithLogits",
	opMatMul:        "MatMul",
	opTranspose:     "Transpose",
	opSlice:         "Slice",
	opPad:           "Pad",
	opBroadcastTo:   "BroadcastTo",
	opSumTo:         "SumTo",
	opSum:           "Sum",
	opMaxAxis:       "MaxAxis",
	opArgMaxMask:    "ArgMaxMask",
	opLogSumExp:     "LogSumExp",
	opReshape:       "Reshape",
	opNeg:           "Neg",
	opExp:           "Exp",
	opLog:           "Log",
	opSin:           "Sin",
	opCos:           "Cos",
	opTanh:          "Tanh",
	opTanhPrime:     "TanhPrime",
	opSigmoid:       "Sigmoid",
	opSigmoidPrime:  "SigmoidPrime",
	opSoftplus:      "Softplus",
	opReLU:          "ReLU",
	opReLUGrad:      "ReLUGrad",
	opAbs:           "Abs",
	opSign:          "Sign",
	opSqrt:          "Sqrt",
	opPow:           "Pow",
	opScale:         "Scale",
	opAddScalar:     "AddScalar",
}

// String returns the op's name, e.g. "MatMul".
func (k opKind) String() string { return opNames[k] }
