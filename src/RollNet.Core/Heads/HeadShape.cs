namespace RollNet.Heads;

/// <summary>What a head sees of its model: the top LSTM state's width, the input frame's and the output frame's.</summary>
/// <param name="HiddenSize">H, units of the top LSTM layer.</param>
/// <param name="InputSize">I, the width of an input frame (the frame before the one predicted).</param>
/// <param name="Keys">K, the width of an output frame.</param>
internal readonly record struct HeadShape(int HiddenSize, int InputSize, int Keys);
