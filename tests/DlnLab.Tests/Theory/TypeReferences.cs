using System.Reflection;
using System.Reflection.Emit;

namespace DlnLab.Tests.Theory;

/// <summary>
/// Every type a compiled type refers to: base type, interfaces, fields, properties, events, method and constructor
/// signatures, attributes, local variables, and the tokens in method bodies (fields, methods, types, ldtoken), read by
/// decoding the IL; nested (compiler-generated) types included.
/// </summary>
internal static class TypeReferences
{
    private static readonly OpCode[] OneByte = new OpCode[256];
    private static readonly OpCode[] TwoByte = new OpCode[256];

    static TypeReferences()
    {
        foreach (var f in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var op = (OpCode)f.GetValue(null)!;
            ushort v = (ushort)op.Value;
            if (op.Size == 1) OneByte[v] = op;
            else TwoByte[v & 0xFF] = op;
        }
    }

    /// <summary>The types of <paramref name="assembly"/> in namespace <paramref name="ns"/> with, for each, the referenced types that satisfy <paramref name="forbidden"/>.</summary>
    public static List<string> Violations(Assembly assembly, string ns, Func<Type, bool> forbidden)
    {
        var found = new List<string>();
        foreach (var type in assembly.GetTypes().Where(t => t.Namespace == ns))
            foreach (var (where, referenced) in Of(type))
                if (Flatten(referenced).FirstOrDefault(forbidden) is { } bad)
                    found.Add($"{type.FullName}: {where} refers to {bad.FullName}");
        return found;
    }

    private static IEnumerable<Type> Flatten(Type? t)
    {
        if (t is null || t.IsGenericParameter) yield break;
        if (t.HasElementType)
        {
            foreach (var e in Flatten(t.GetElementType())) yield return e;
            yield break;
        }
        yield return t;
        if (t.IsGenericType && !t.IsGenericTypeDefinition)
            foreach (var a in t.GetGenericArguments())
                foreach (var e in Flatten(a)) yield return e;
    }

    private static IEnumerable<(string Where, Type? Type)> Of(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        yield return ("base type", type.BaseType);
        foreach (var i in type.GetInterfaces()) yield return ("interface", i);
        foreach (var a in type.GetCustomAttributesData()) yield return ("attribute", a.AttributeType);
        foreach (var f in type.GetFields(all)) yield return ($"field {f.Name}", f.FieldType);
        foreach (var p in type.GetProperties(all)) yield return ($"property {p.Name}", p.PropertyType);
        foreach (var e in type.GetEvents(all)) yield return ($"event {e.Name}", e.EventHandlerType);
        foreach (var m in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (m is MethodInfo mi) yield return ($"{m.Name} returns", mi.ReturnType);
            foreach (var p in m.GetParameters()) yield return ($"{m.Name} parameter {p.Name}", p.ParameterType);
            foreach (var a in m.GetCustomAttributesData()) yield return ($"{m.Name} attribute", a.AttributeType);
            var body = m.GetMethodBody();
            if (body is null) continue;
            foreach (var l in body.LocalVariables) yield return ($"{m.Name} local", l.LocalType);
            foreach (var member in BodyMembers(m, body.GetILAsByteArray() ?? []))
                foreach (var t in TypesOf(member)) yield return ($"{m.Name} body", t);
        }
    }

    private static IEnumerable<Type?> TypesOf(MemberInfo member)
    {
        switch (member)
        {
            case Type t: yield return t; break;
            case FieldInfo f: yield return f.DeclaringType; yield return f.FieldType; break;
            case MethodBase m:
                yield return m.DeclaringType;
                if (m is MethodInfo mi)
                {
                    yield return mi.ReturnType;
                    if (mi.IsGenericMethod) foreach (var a in mi.GetGenericArguments()) yield return a;
                }
                foreach (var p in m.GetParameters()) yield return p.ParameterType;
                break;
        }
    }

    private static IEnumerable<MemberInfo> BodyMembers(MethodBase method, byte[] il)
    {
        var typeArgs = method.DeclaringType is { IsGenericType: true } dt ? dt.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int pc = 0;
        while (pc < il.Length)
        {
            OpCode op = il[pc] == 0xFE ? TwoByte[il[pc + 1]] : OneByte[il[pc]];
            pc += op.Size;
            switch (op.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    yield return method.Module.ResolveMember(BitConverter.ToInt32(il, pc), typeArgs, methodArgs)!;
                    pc += 4;
                    break;
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: pc += 1; break;
                case OperandType.InlineVar: pc += 2; break;
                case OperandType.InlineI8 or OperandType.InlineR: pc += 8; break;
                case OperandType.InlineSwitch: pc += 4 + 4 * BitConverter.ToInt32(il, pc); break;
                default: pc += 4; break; // InlineI, InlineBrTarget, InlineSig, InlineString, ShortInlineR
            }
        }
    }
}
