using System.Buffers.Binary;
using System.Text;

namespace RollNet.Tests.Data;

/// <summary>Composes protocol 2 pickles opcode by opcode, for files that are wrong in one chosen way.</summary>
internal sealed class PickleBytes
{
    private readonly List<byte> _bytes = [0x80, 2];

    public PickleBytes Op(char opcode)
    {
        _bytes.Add((byte)opcode);
        return this;
    }

    public PickleBytes EmptyDict() => Op('}');

    public PickleBytes EmptyList() => Op(']');

    public PickleBytes Mark() => Op('(');

    public PickleBytes Tuple() => Op('t');

    public PickleBytes Appends() => Op('e');

    public PickleBytes SetItems() => Op('u');

    public PickleBytes Reduce() => Op('R');

    public PickleBytes Int(int value)
    {
        Op('J');
        Span<byte> raw = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(raw, value);
        _bytes.AddRange(raw.ToArray());
        return this;
    }

    public PickleBytes Str(string text)
    {
        Op('X');
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, utf8.Length);
        _bytes.AddRange(length.ToArray());
        _bytes.AddRange(utf8);
        return this;
    }

    public PickleBytes Global(string module, string name)
    {
        Op('c');
        _bytes.AddRange(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
        return this;
    }

    /// <summary>A tuple of the given ints.</summary>
    public PickleBytes IntTuple(params int[] values)
    {
        Mark();
        foreach (int value in values)
        {
            Int(value);
        }

        return Tuple();
    }

    /// <summary>A dict of 'train', 'valid' and 'test' (or other keys) whose values each writer composes.</summary>
    public PickleBytes Dict(params (string Key, Action<PickleBytes> Value)[] items)
    {
        EmptyDict().Mark();
        foreach ((string key, Action<PickleBytes> value) in items)
        {
            Str(key);
            value(this);
        }

        return SetItems();
    }

    /// <summary>A list whose items each writer composes.</summary>
    public PickleBytes List(params Action<PickleBytes>[] items)
    {
        EmptyList();
        if (items.Length > 0)
        {
            Mark();
            foreach (Action<PickleBytes> item in items)
            {
                item(this);
            }

            Appends();
        }

        return this;
    }

    /// <summary>Stores the object on top of the stack in memo slot <paramref name="slot"/> (BINPUT).</summary>
    public PickleBytes Put(byte slot)
    {
        Op('q');
        _bytes.Add(slot);
        return this;
    }

    /// <summary>Pushes the object in memo slot <paramref name="slot"/> again, the same object, not a copy (BINGET).</summary>
    public PickleBytes Get(byte slot)
    {
        Op('h');
        _bytes.Add(slot);
        return this;
    }

    public byte[] Stop() => [.. _bytes, (byte)'.'];
}
