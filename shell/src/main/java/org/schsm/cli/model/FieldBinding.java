package org.schsm.cli.model;

import java.lang.reflect.Field;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.IScope;
import picocli.CommandLine.Model.IScoped;
import picocli.CommandLine.Model.ISetter;

/**
 * An option's value kept in a field of its command (or mixin) object: what picocli's own binding
 * of an annotated field does, found by the field's name instead of by its annotation.
 */
final class FieldBinding implements IGetter, ISetter, IScoped {
    private final ObjectScope scope;
    private final Field field;

    FieldBinding(ObjectScope scope, Field field) {
        this.scope = scope;
        this.field = field;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() throws IllegalAccessException {
        return (T) field.get(scope.object);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T set(T value) throws IllegalAccessException {
        Object old = field.get(scope.object);
        field.set(scope.object, value);
        return (T) old;
    }

    @Override
    public IScope getScope() {
        return scope;
    }

    /** The object whose fields the options of one command or mixin are kept in. */
    static final class ObjectScope implements IScope {
        private Object object;

        ObjectScope(Object object) {
            this.object = object;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) object;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) {
            Object old = object;
            object = value;
            return (T) old;
        }
    }
}
