package org.schsm.cli.model;

import java.util.List;
import picocli.CommandLine.Model.ITypeInfo;

/**
 * The type of a generic option field ({@code List<Path>}): picocli's own type information for the
 * raw and element types, plus the type arguments it takes from the field's generic signature
 * when it reads annotations, recorded at build time instead.
 */
final class GenericTypeInfo implements ITypeInfo {
    private final ITypeInfo raw;
    private final List<String> typeArguments;

    GenericTypeInfo(ITypeInfo raw, List<String> typeArguments) {
        this.raw = raw;
        this.typeArguments = List.copyOf(typeArguments);
    }

    @Override
    public List<String> getActualGenericTypeArguments() {
        return typeArguments;
    }

    @Override
    public boolean isBoolean() {
        return raw.isBoolean();
    }

    @Override
    public boolean isMultiValue() {
        return raw.isMultiValue();
    }

    @Override
    public boolean isOptional() {
        return raw.isOptional();
    }

    @Override
    public boolean isArray() {
        return raw.isArray();
    }

    @Override
    public boolean isCollection() {
        return raw.isCollection();
    }

    @Override
    public boolean isMap() {
        return raw.isMap();
    }

    @Override
    public boolean isEnum() {
        return raw.isEnum();
    }

    @Override
    public List<String> getEnumConstantNames() {
        return raw.getEnumConstantNames();
    }

    @Override
    public String getClassName() {
        return raw.getClassName();
    }

    @Override
    public String getClassSimpleName() {
        return raw.getClassSimpleName();
    }

    @Override
    public List<ITypeInfo> getAuxiliaryTypeInfos() {
        return raw.getAuxiliaryTypeInfos();
    }

    @Override
    public Class<?> getType() {
        return raw.getType();
    }

    @Override
    public Class<?>[] getAuxiliaryTypes() {
        return raw.getAuxiliaryTypes();
    }

    @Override
    public String toString() {
        return raw.toString();
    }
}
